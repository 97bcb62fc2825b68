// A model version's card (GET /api/models/{ref}/card), in the Model Card
// Toolkit's sections.
import {api, seg} from '../api.js';
import {html} from '../html.js';
import {ErrorBox, formatNumber, Loading, Table, useLoad} from '../ui.js';

function List({title, items, text}) {
  if (!items || items.length === 0) return null;
  return html`<h2>${title}</h2><ul>${items.map(i => html`<li>${text(i)}</li>`)}</ul>`;
}

export function ModelCard({ref}) {
  const {data, error} = useLoad(() => api(`/api/models/${seg(ref)}/card`), [ref]);
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (!data) return html`<${Loading} what=${ref} />`;
  const d = data.model_details || {};
  const c = data.considerations || {};
  const metrics = (data.quantitative_analysis || {}).performance_metrics || [];
  const datasets = (data.model_parameters || {}).data || [];
  return html`<article aria-labelledby="card-title">
    <h1 id="card-title">Model card: ${ref}</h1>
    <p>${d.overview}</p>
    <dl class="facts">
      <dt>Artifact</dt><dd><code>${d.artifact_digest}</code></dd>
      <dt>Registered by</dt><dd>${d.registered_by}</dd>
      <dt>Owners</dt><dd>${(d.owners || []).map(o => o.name).join(', ') || '—'}</dd>
    </dl>
    <${List} title="Intended uses" items=${c.use_cases} text=${x => x.description} />
    <${List} title="Users" items=${c.users} text=${x => x.description} />
    <${List} title="Out of scope" items=${c.out_of_scope_uses} text=${x => x.description} />
    <${List} title="Limitations" items=${c.limitations} text=${x => x.description} />
    <${List} title="Ethical considerations" items=${c.ethical_considerations}
        text=${x => `${x.name} Mitigation: ${x.mitigation_strategy}`} />
    <h2>Performance</h2>
    ${metrics.length === 0 ? html`<p class="muted">No metrics registered.</p>` :
      html`<${Table} caption="Performance metrics" head=${['Metric', 'Value', 'Slice']}>
        ${metrics.map(x => html`<tr><th scope="row">${x.type}</th><td>${formatNumber(x.value)}</td>
          <td>${x.slice || 'overall'}</td></tr>`)}<//>`}
    <${List} title="Data" items=${datasets} text=${x => `${x.name} (${x.role}): ${x.description}`} />
  </article>`;
}
