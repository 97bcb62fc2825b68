// The governance audit log (GET /api/audit): each entry is the signed
// log's JSON text, parsed here for display.
import {apiAll} from '../api.js';
import {html} from '../html.js';
import {formatTime, Table} from '../ui.js';

export async function auditEntries() {
  const raw = await apiAll('/api/audit', {}, 'entries');
  return raw.map(e => {
    try {
      return JSON.parse(e.entry);
    } catch (err) {
      return {seq: e.seq, action: '?', actor: '?', subject: '', at: '', details: {}};
    }
  });
}

export function AuditTable({entries, caption}) {
  if (entries.length === 0) return html`<p class="muted">No audit entry.</p>`;
  return html`<${Table} caption=${caption} head=${['#', 'When', 'Who', 'Action', 'Subject', 'Details']}>
    ${[...entries].reverse().map(e => html`<tr>
      <td>${e.seq}</td><td>${formatTime(e.at)}</td><td>${e.actor}</td><td>${e.action}</td>
      <td>${e.subject}</td>
      <td class="details">${Object.entries(e.details || {})
          .filter(([k]) => k !== 'actor_source' && k !== 'answers')
          .map(([k, v]) => `${k}: ${v}`).join('; ')}</td></tr>`)}
  <//>`;
}
