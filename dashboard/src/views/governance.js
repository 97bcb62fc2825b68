// The governance issue's documents for people who are not engineers: the
// plain-language report (GET /api/report, /api/systems/NAME/report), the
// escalation status (GET /api/escalation) and the framework coverage of one
// system (GET /api/systems/NAME/coverage). The server computes all of it
// with the CLI's use cases; this page only lays it out.
import {api, seg, withQuery} from '../api.js';
import {html} from '../html.js';
import {link} from '../router.js';
import {Badge, ErrorBox, formatNumber, Loading, Table, useLoad} from '../ui.js';

const kVerdict = {
  on_track: ['good', 'On track'],
  needs_attention: ['warn', 'Needs attention'],
  at_risk: ['bad', 'At risk'],
  empty: ['none', 'No systems'],
};

export function Verdict({verdict}) {
  const [state, label] = kVerdict[verdict] || ['none', verdict || '—'];
  return html`<${Badge} state=${state} label=${label} />`;
}

const kPractice = {met: 'good', partial: 'warn', missing: 'bad'};

function percent(v) {
  return typeof v === 'number' ? `${Math.round(v * 100)} %` : '—';
}

export function EscalationRows({escalations}) {
  return escalations.map(e => html`<tr>
    <th scope="row">${e.what}</th><td><a href=${link('systems', e.system)}>${e.system}</a></td>
    <td>${e.owner || '—'}</td><td>${e.due}</td><td>${e.days_overdue}</td>
    <td><${Badge} state=${e.level === 'escalated' ? 'bad' : 'warn'} label=${e.level} /></td>
    <td>${e.escalate_to || '—'}</td></tr>`);
}

const kEscalationHead = ['What', 'System', 'Owner', 'Due', 'Days overdue', 'Level', 'Escalate to'];

// One system's governance: the report's verdict and practices, overdue
// items, and each framework's coverage with the controls not met.
export function SystemGovernance({name}) {
  const {data, error} = useLoad(async () => {
    const [report, coverage, escalation] = await Promise.all([
      api(`/api/systems/${seg(name)}/report`), api(`/api/systems/${seg(name)}/coverage`),
      api(withQuery('/api/escalation', {system: name}))]);
    return {summary: report.systems[0], coverage: coverage.systems[0], escalation};
  }, [name]);
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (!data) return html`<${Loading} what="the governance report" />`;
  const {summary, coverage, escalation} = data;
  const notMet = coverage ? coverage.controls.filter(c => c.status !== 'met') : [];
  return html`<div class="governance">
    ${summary && html`<p>Verdict: <${Verdict} verdict=${summary.verdict} />
      ${summary.reasons.length > 0 && html` — ${summary.reasons.join('; ')}.`}</p>
      <${Table} caption=${'Practices of ' + name} head=${['Practice', 'Status', 'What to do']} stack>
        ${summary.practices.map(p => html`<tr><th scope="row" data-label="Practice">${p.title}</th>
          <td data-label="Status"><${Badge} state=${kPractice[p.status] || 'none'} label=${p.status} /></td>
          <td data-label="What to do">${p.advice || '—'}</td></tr>`)}
      <//>`}
    <h3>Overdue</h3>
    ${escalation.escalations.length === 0 ? html`<p class="muted">Nothing overdue
        (${escalation.summary.items} dated items checked).</p>` :
      html`<${Table} caption=${'Overdue items of ' + name} head=${kEscalationHead}>
        <${EscalationRows} escalations=${escalation.escalations} />
      <//>`}
    ${coverage && html`<h3>Framework coverage</h3>
      <${Table} caption=${'Framework coverage of ' + name}
          head=${['Framework', 'Applies', 'Covered', 'Partial', 'Gap', 'Coverage']}>
        ${coverage.frameworks.map(f => {
          const count = s => f.items.filter(i => i.status === s).length;
          return html`<tr><th scope="row">${f.title}</th><td>${f.applicable ? 'yes' : 'no'}</td>
            <td>${count('covered')}</td><td>${count('partial')}</td><td>${count('gap')}</td>
            <td>${f.applicable ? percent(f.coverage) : '—'}</td></tr>`;
        })}
      <//>
      ${notMet.length > 0 && html`<${Table} caption=${'Controls not met by ' + name}
          head=${['Control', 'Status', 'Missing evidence']}>
        ${notMet.map(c => html`<tr><th scope="row">${c.id}</th><td>${c.status}</td>
          <td>${[...c.missing, ...c.expired.map(x => x + ' (expired)')].join(', ') || '—'}</td></tr>`)}
      <//>`}`}
  </div>`;
}

// The portfolio: every system's verdict and reasons, the practices and
// frameworks across systems, and everything overdue.
export function Governance() {
  const {data, error} = useLoad(async () => {
    const [report, escalation] = await Promise.all([api('/api/report'), api('/api/escalation')]);
    return {report, escalation};
  }, []);
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (!data) return html`<${Loading} what="the governance report" />`;
  const {report, escalation} = data;
  const s = report.summary;
  return html`<article aria-labelledby="governance-title">
    <h1 id="governance-title">Governance</h1>
    <p>Portfolio: <${Verdict} verdict=${s.verdict} /> — ${s.systems} systems: ${s.on_track} on
      track, ${s.needs_attention} need attention, ${s.at_risk} at risk (as of ${report.today}).</p>
    <section aria-labelledby="verdicts-title">
      <h2 id="verdicts-title">Systems</h2>
      <${Table} caption="Verdict of each system" head=${['System', 'Verdict', 'Open risks', 'Why']} stack>
        ${report.systems.map(x => html`<tr>
          <th scope="row" data-label="System"><a href=${link('systems', x.name)}>${x.name}</a></th>
          <td data-label="Verdict"><${Verdict} verdict=${x.verdict} /></td>
          <td data-label="Open risks">${x.open_risks} (${x.open_high_risks} high)</td>
          <td data-label="Why">${x.reasons.join('; ') || '—'}</td></tr>`)}
      <//>
    </section>
    <section aria-labelledby="practices-title">
      <h2 id="practices-title">Practices across systems</h2>
      <${Table} caption="Systems meeting each practice" head=${['Practice', 'Met', 'Partial', 'Missing']}>
        ${report.practices.map(p => html`<tr><th scope="row">${p.title}</th><td>${p.met}</td>
          <td>${p.partial}</td><td>${p.missing}</td></tr>`)}
      <//>
      <${Table} caption="Framework coverage of the portfolio"
          head=${['Framework', 'Applies', 'Items', 'Covered', 'Coverage']}>
        ${report.frameworks.map(f => html`<tr><th scope="row">${f.title}</th>
          <td>${f.applicable ? 'yes' : 'no'}</td><td>${formatNumber(f.items)}</td>
          <td>${formatNumber(f.covered)}</td><td>${percent(f.coverage)}</td></tr>`)}
      <//>
    </section>
    <section aria-labelledby="escalation-title">
      <h2 id="escalation-title">Overdue and escalated</h2>
      ${escalation.escalations.length === 0 ? html`<p class="muted">Nothing overdue
          (${escalation.summary.items} dated items checked).</p>` :
        html`<${Table} caption="Overdue items" head=${kEscalationHead}>
          <${EscalationRows} escalations=${escalation.escalations} />
        <//>`}
    </section>
  </article>`;
}
