// Every AI system with its risk tier and the state of its alerts, drift and
// approvals; filters by owner, tier and business unit (kept in the URL).
import {api, apiAll, seg} from '../api.js';
import {html} from '../html.js';
import {link} from '../router.js';
import {alertState, approvalState, driftState, monitorsOf, reviewsOf, tierOf} from '../status.js';
import {Badge, ErrorBox, Loading, Table, useLoad} from '../ui.js';

// The newest window's input-drift verdict of each monitor (undefined when it
// has no drift windows).
export async function latestDrift(monitors) {
  const latest = {};
  await Promise.all(monitors.map(async m => {
    try {
      const points = await apiAll(`/api/monitors/${seg(m.monitor)}/history`,
                                  {metric: 'verdict.input_drift.drifted'}, 'points');
      const last = points.filter(p => p.status === 'ok').pop();
      if (last) latest[m.monitor] = last.value;
    } catch (e) {
      latest[m.monitor] = undefined;  // not a drift monitor, or no window yet
    }
  }));
  return latest;
}

async function loadPortfolio() {
  const [systems, monitorDoc, reviews] = await Promise.all([
    apiAll('/api/systems', {}, 'systems'), api('/api/monitors'),
    apiAll('/api/reviews', {}, 'reviews')]);
  const monitors = monitorDoc.monitors;
  const drift = await latestDrift(monitors);
  return systems.map(s => {
    const ms = monitorsOf(s, monitors);
    return {
      system: s,
      tier: tierOf(s),
      alerts: alertState(ms),
      drift: driftState(ms, drift),
      approval: approvalState(reviewsOf(s, reviews)),
    };
  });
}

const kFilters = [['owner', 'Owner', r => r.system.owner], ['tier', 'Risk tier', r => r.tier],
                  ['business_unit', 'Business unit', r => r.system.business_unit]];

function setFilter(query, name, value) {
  const q = new URLSearchParams(query);
  if (value) q.set(name, value); else q.delete(name);
  const s = q.toString();
  location.hash = '#/' + (s ? '?' + s : '');
}

export function Portfolio({query}) {
  const {data, error} = useLoad(loadPortfolio, []);
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (!data) return html`<${Loading} what="the portfolio" />`;
  const rows = data.filter(r => kFilters.every(([name, , get]) =>
      !query.get(name) || get(r) === query.get(name)));
  return html`<section aria-labelledby="portfolio-title">
    <h1 id="portfolio-title">Portfolio</h1>
    <form class="filters" aria-label="Filter the systems" onSubmit=${e => e.preventDefault()}>
      ${kFilters.map(([name, label, get]) => html`<label>${label}
        <select name=${name} value=${query.get(name) || ''}
                onChange=${e => setFilter(query, name, e.currentTarget.value)}>
          <option value="">all</option>
          ${[...new Set(data.map(get))].sort().map(v => html`<option value=${v}>${v || '(none)'}</option>`)}
        </select></label>`)}
    </form>
    <p class="muted">${rows.length} of ${data.length} systems</p>
    <${Table} caption="AI systems" head=${['System', 'Risk tier', 'Alerts', 'Drift', 'Approval',
                                           'Owner', 'Business unit', 'Lifecycle']} stack>
      ${rows.map(r => html`<tr data-system=${r.system.name}>
        <th scope="row"><a href=${link('systems', r.system.name)}>${r.system.name}</a></th>
        <td data-label="Risk tier"><${Badge} state=${'tier-' + r.tier} label=${r.tier} /></td>
        <td data-label="Alerts"><${Badge} ...${r.alerts} /></td>
        <td data-label="Drift"><${Badge} ...${r.drift} /></td>
        <td data-label="Approval"><${Badge} ...${r.approval} /></td>
        <td data-label="Owner">${r.system.owner}</td>
        <td data-label="Business unit">${r.system.business_unit}</td>
        <td data-label="Lifecycle">${r.system.lifecycle_state}</td>
      </tr>`)}
    <//>
  </section>`;
}
