// The JSON API of `airm serve` (docs/server.md) as the dashboard calls it:
// same-origin fetches with the session cookie, the session's CSRF token on
// every write, and RFC 9457 problem documents turned into ApiError.

let csrfToken = '';

export function setCsrfToken(token) {
  csrfToken = token || '';
}

export class ApiError extends Error {
  constructor(status, problem) {
    super((problem && problem.detail) || `the server answered HTTP ${status}`);
    this.status = status;
    this.kind = problem && typeof problem.type === 'string' ?
        problem.type.replace('urn:airm:problem:', '') : '';
  }
}

// A path with its query; parameters with an empty value are left out.
export function withQuery(path, params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  }
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

export async function api(path, {method = 'GET', body} = {}) {
  const headers = {Accept: 'application/json'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const res = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let doc = null;
  try {
    doc = text ? JSON.parse(text) : null;
  } catch (e) {
    doc = null;
  }
  if (!res.ok) {
    // A session that expired or was revoked (logout elsewhere, password
    // reset, account disabled): the shell goes back to the login form.
    if (res.status === 401 && path !== '/api/session') dispatchEvent(new Event('airm:logged-out'));
    throw new ApiError(res.status, doc);
  }
  return doc;
}

// Every item of a paged list (`page.next_cursor`), at most `maxPages` pages
// of 500.
export async function apiAll(path, params, member, maxPages = 20) {
  const items = [];
  let cursor = '';
  for (let i = 0; i < maxPages; ++i) {
    const doc = await api(withQuery(path, {...params, limit: 500, cursor}));
    items.push(...(doc[member] || []));
    cursor = doc.page && doc.page.next_cursor;
    if (!cursor) break;
  }
  return items;
}

// Path segments are percent-encoded, so a name with '/' or '?' stays one.
export const seg = encodeURIComponent;
