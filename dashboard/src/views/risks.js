// The risk register (GET /api/risks). Contributors and above may change a
// risk's status; the server allows it only to the system's owner or an
// admin (403 forbidden-owner otherwise, shown here).
import {useState} from 'preact/hooks';

import {api, apiAll, seg} from '../api.js';
import {html} from '../html.js';
import {atLeast} from '../roles.js';
import {link} from '../router.js';
import {Badge, ErrorBox, Loading, Table, useLoad} from '../ui.js';

const kStatuses = ['open', 'in-progress', 'mitigated', 'accepted', 'closed'];

function Rating({r}) {
  if (!r) return html`<span class="muted">not rated</span>`;
  const state = {low: 'good', medium: 'warn', high: 'bad', critical: 'bad'}[r.rating] || 'none';
  return html`<${Badge} state=${state} label=${`${r.rating} (${r.likelihood}×${r.impact})`} />`;
}

export function RiskRows({risks, status}) {
  return risks.map(r => html`<tr>
    <th scope="row">${r.id}</th><td>${r.title}</td><td>${r.category}</td>
    <td><${Rating} r=${r.inherent} /></td><td><${Rating} r=${r.residual} /></td>
    <td>${r.treatment}</td><td>${r.owner}</td><td>${status ? status(r) : r.status}</td></tr>`);
}

export function RiskRegister({user}) {
  const {data, error, reload} = useLoad(() => apiAll('/api/risks', {}, 'risks'), []);
  const [message, setMessage] = useState(null);
  const [failure, setFailure] = useState(null);
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (!data) return html`<${Loading} what="the risk register" />`;
  const change = async (risk, value) => {
    setMessage(null);
    setFailure(null);
    try {
      await api(`/api/risks/${seg(risk.id)}`, {method: 'PATCH', body: {status: value}});
      setMessage(`${risk.id} is now ${value}.`);
      reload();
    } catch (err) {
      setFailure(err);
    }
  };
  const editable = atLeast(user, 'contributor');
  const status = r => !editable ? r.status : html`<select aria-label=${'Status of ' + r.id}
      value=${r.status} onChange=${e => change(r, e.currentTarget.value)}>
    ${kStatuses.map(s => html`<option value=${s}>${s}</option>`)}</select>`;
  const bySystem = new Map();
  for (const r of data) {
    if (!bySystem.has(r.system)) bySystem.set(r.system, []);
    bySystem.get(r.system).push(r);
  }
  return html`<section aria-labelledby="risks-title">
    <h1 id="risks-title">Risk register</h1>
    <p class="status" role="status">${message}</p>
    <${ErrorBox} error=${failure} />
    ${data.length === 0 && html`<p class="muted">No risk recorded.</p>`}
    ${[...bySystem].map(([system, risks]) => html`<section>
      <h2><a href=${link('systems', system)}>${system}</a></h2>
      <${Table} caption=${'Risks of ' + system}
          head=${['Id', 'Title', 'Category', 'Inherent', 'Residual', 'Treatment', 'Owner', 'Status']}>
        <${RiskRows} risks=${risks} status=${status} />
      <//></section>`)}
  </section>`;
}
