// One AI system: its monitors as time series with thresholds and alert
// periods, the latest drift verdict, evaluation metrics and model cards of
// its models, the chaos verdicts and lineage graph of the versions serving
// it, its risks, approvals, governance report and audit trail.
import {api, apiAll, seg} from '../api.js';
import {MetricChart} from '../chart.js';
import {html} from '../html.js';
import {link} from '../router.js';
import {modelName, monitorsOf, reviewsOf, tierOf} from '../status.js';
import {Badge, ErrorBox, formatNumber, formatTime, Loading, Table, useLoad} from '../ui.js';
import {AuditTable, auditEntries} from './audit.js';
import {SystemGovernance} from './governance.js';
import {ServingModels} from './lineage.js';
import {RiskRows} from './risks.js';

// Charted for every drift monitor besides its alert rules' metrics.
const kDriftMetric = 'verdict.input_drift.columns_drifted';

async function history(monitor, metric, bounds) {
  try {
    return await apiAll(`/api/monitors/${seg(monitor)}/history`, {metric, ...bounds}, 'points');
  } catch (e) {
    return null;  // the metric is not in this monitor's windows
  }
}

// A learned threshold's value in each of the metric's windows (null where
// it had too little evidence): its own history series, matched by window.
async function learnedValues(monitor, line, points) {
  const series = await history(monitor, line.history_metric);
  const byWindow = new Map((series || []).map(p => [`${p.schedule} ${p.window_start}`, p.value]));
  return points.map(p => {
    const v = byWindow.get(`${p.schedule} ${p.window_start}`);
    return typeof v === 'number' ? v : null;
  });
}

async function loadMonitor(m) {
  // Per metric: the fixed thresholds of its rules and the learned ones.
  const metrics = new Map();
  const of = metric => {
    if (!metrics.has(metric)) metrics.set(metric, {thresholds: [], learned: []});
    return metrics.get(metric);
  };
  for (const rule of m.alert_rules) {
    for (const t of rule.thresholds) of(t.metric).thresholds.push(t);
    for (const line of (rule.learned && rule.learned.lines) || []) {
      of(rule.learned.metric).learned.push({rule: rule.name, label: rule.learned.label, ...line});
    }
  }
  of(kDriftMetric);
  const episodes = await apiAll('/api/alerts', {monitor: m.monitor}, 'episodes');
  const charts = [];
  for (const [metric, {thresholds, learned}] of metrics) {
    const points = await history(m.monitor, metric);
    if (points === null) continue;
    const rules = new Set(m.alert_rules.filter(r => r.thresholds.some(t => t.metric === metric) ||
                                                    (r.learned && r.learned.metric === metric))
                              .map(r => r.name));
    const periods = episodes.filter(e => rules.has(e.alert)).map(e => ({
      from: e.first_window_start,
      to: e.resolved_window_end || e.last_window_end,
      label: `${e.alert} (${e.state})`,
    }));
    const lines = await Promise.all(learned.map(async line =>
      ({...line, values: await learnedValues(m.monitor, line, points)})));
    charts.push({metric, thresholds, learned: lines, periods, points});
  }
  // The whole verdict and column documents of the latest computed window
  // only: a year of them would be megabytes.
  const lastOk = list => (list || []).filter(p => p.status === 'ok').pop();
  const driftChart = charts.find(c => c.metric === kDriftMetric);
  const latest = driftChart && lastOk(driftChart.points);
  const only = latest &&
      {schedule: latest.schedule, from: latest.window_end, to: latest.window_end};
  const verdicts = only ? await history(m.monitor, 'verdict', only) : null;
  const columns = only ? await history(m.monitor, 'columns', only) : null;
  return {monitor: m, charts, verdict: lastOk(verdicts), columns: lastOk(columns), episodes};
}

async function loadModel(ref) {
  try {
    const card = await api(`/api/models/${seg(ref)}/card`);
    return {ref, card};
  } catch (error) {
    return {ref, error};
  }
}

async function loadSystem(name) {
  const doc = await api(`/api/systems/${seg(name)}`);
  const system = doc.system || doc;
  const [monitorDoc, reviews, models, audit, lineage] = await Promise.all([
    api('/api/monitors'), apiAll('/api/reviews', {}, 'reviews'),
    apiAll('/api/models', {}, 'versions'), auditEntries(),
    api(`/api/systems/${seg(name)}/lineage`)]);
  const monitors = await Promise.all(monitorsOf(system, monitorDoc.monitors).map(loadMonitor));
  const linked = new Set(system.models.map(m => m.model));
  const versions = models.filter(v => linked.has(v.name));
  const newest = new Map();
  for (const v of versions) newest.set(v.name, v.ref);
  const cards = await Promise.all([...newest.values()].map(loadModel));
  const monitorNames = new Set(monitors.map(m => m.monitor.monitor));
  const episodes = new Set(monitors.flatMap(m => m.episodes.map(e => 'alert:' + e.episode_id)));
  const trail = audit.filter(e => e.subject === 'system:' + system.name ||
      (e.subject.startsWith('model:') && linked.has(modelName(e.subject.slice(6)))) ||
      (e.subject.startsWith('monitor:') && monitorNames.has(e.subject.slice(8))) ||
      episodes.has(e.subject) || (e.subject.startsWith('risk:') &&
      system.risks.some(r => 'risk:' + r.id === e.subject)));
  return {system, monitors, reviews: reviewsOf(system, reviews), versions, cards, trail, lineage};
}

function DriftSummary({m}) {
  if (!m.verdict) return html`<p class="muted">No drift window yet.</p>`;
  const v = m.verdict.value || {};
  const cols = Array.isArray(m.columns && m.columns.value) ? m.columns.value : [];
  const top = cols.filter(c => typeof c.effect_size === 'number')
                  .sort((a, b) => b.effect_size - a.effect_size).slice(0, 5);
  return html`<div class="drift">
    <p>Window <strong>${m.verdict.window}</strong> (ending ${formatTime(m.verdict.window_end)}):
      ${v.input_drift && html` inputs <${Badge} state=${v.input_drift.drifted ? 'bad' : 'good'}
        label=${v.input_drift.drifted ? 'drifted' : 'stable'} /> ${v.input_drift.summary}`}
      ${v.output_drift && html` Outputs <${Badge} state=${v.output_drift.drifted ? 'bad' : 'good'}
        label=${v.output_drift.drifted ? 'drifted' : 'stable'} /> ${v.output_drift.summary}`}</p>
    ${top.length > 0 && html`<${Table} caption="Largest effect sizes in the latest window"
        head=${['Column', 'Method', 'Effect size', 'Drifted']}>
      ${top.map(c => html`<tr><th scope="row">${c.name}</th><td>${c.method || '—'}</td>
        <td>${formatNumber(c.effect_size)}</td><td>${c.drifted ? 'yes' : 'no'}</td></tr>`)}
    <//>`}
  </div>`;
}

// Slice columns, when the card has them; slices sorted by error rate, worst first.
const kSliceMetrics = ['error_rate', 'roc_auc', 'accuracy', 'selection_rate'];

function Evaluation({card}) {
  if (card.error) return html`<${ErrorBox} error=${card.error} />`;
  const metrics = (card.card.quantitative_analysis || {}).performance_metrics || [];
  const isOverall = x => !x.slice || x.slice === 'overall';
  const overall = metrics.filter(isOverall);
  const slices = new Map();
  for (const x of metrics.filter(m => !isOverall(m))) {
    if (!slices.has(x.slice)) slices.set(x.slice, {});
    slices.get(x.slice)[x.type] = x.value;
  }
  const columns = kSliceMetrics.filter(k => [...slices.values()].some(v => k in v));
  const rows = [...slices].sort((a, b) => (b[1].error_rate ?? -1) - (a[1].error_rate ?? -1));
  return html`<div>
    <p><a href=${link('models', card.ref)}>Model card of ${card.ref}</a></p>
    ${metrics.length === 0 ? html`<p class="muted">No evaluation metrics registered with ${card.ref}.</p>` :
      html`<${Table} caption=${'Evaluation of ' + card.ref} head=${['Metric', 'Value', 'Interval']}>
        ${overall.map(x => html`<tr><th scope="row">${x.type}</th><td>${formatNumber(x.value)}</td>
          <td>${x.confidence_interval ? `${formatNumber(x.confidence_interval.lower_bound)} – ` +
              formatNumber(x.confidence_interval.upper_bound) : '—'}</td></tr>`)}
      <//>`}
    ${rows.length > 0 && html`<details><summary>${rows.length} slices, worst error rate first</summary>
      <${Table} caption=${'Slices of ' + card.ref} head=${['Slice', ...columns]}>
        ${rows.map(([name, v]) => html`<tr><th scope="row">${name}</th>
          ${columns.map(k => html`<td>${formatNumber(v[k])}</td>`)}</tr>`)}
      <//></details>`}
  </div>`;
}

export function SystemPage({name}) {
  const {data, error} = useLoad(() => loadSystem(name), [name]);
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (!data) return html`<${Loading} what=${name} />`;
  const s = data.system;
  return html`<article aria-labelledby="system-title">
    <p><a href="#/">← Portfolio</a></p>
    <h1 id="system-title">${s.name}</h1>
    <dl class="facts">
      <dt>Risk tier</dt><dd><${Badge} state=${'tier-' + tierOf(s)} label=${tierOf(s)} /></dd>
      <dt>Owner</dt><dd>${s.owner}</dd>
      <dt>Business unit</dt><dd>${s.business_unit || '—'}</dd>
      <dt>Lifecycle</dt><dd>${s.lifecycle_state}</dd>
      <dt>Purpose</dt><dd>${s.purpose || '—'}</dd>
      <dt>Models</dt><dd>${s.models.length ? s.models.map(m => m.model).join(', ') : 'none linked'}</dd>
    </dl>
    <section aria-labelledby="monitors-title">
      <h2 id="monitors-title">Monitors</h2>
      ${data.monitors.length === 0 && html`<p class="muted">No monitor watches this system's models
        (a monitor's <code>model</code> in airm.yaml links it).</p>`}
      ${data.monitors.map(m => html`<section class="monitor" aria-label=${'Monitor ' + m.monitor.monitor}>
        <h3>${m.monitor.monitor}</h3>
        ${m.charts.map(c => html`<${MetricChart} title=${m.monitor.monitor} ...${c} />`)}
        <h4>Latest drift</h4>
        <${DriftSummary} m=${m} />
      </section>`)}
    </section>
    <section aria-labelledby="eval-title">
      <h2 id="eval-title">Evaluation and model cards</h2>
      ${data.cards.length === 0 && html`<p class="muted">No registered model version.</p>`}
      ${data.cards.map(c => html`<${Evaluation} card=${c} />`)}
    </section>
    <section aria-labelledby="serving-title">
      <h2 id="serving-title">Chaos results and lineage</h2>
      <${ServingModels} lineage=${data.lineage} />
    </section>
    <section aria-labelledby="risks-title">
      <h2 id="risks-title">Risks</h2>
      ${s.risks.length === 0 ? html`<p class="muted">No risk recorded.</p>` :
        html`<${Table} caption=${'Risks of ' + s.name}
            head=${['Id', 'Title', 'Category', 'Inherent', 'Residual', 'Treatment', 'Owner', 'Status']}>
          <${RiskRows} risks=${s.risks} />
        <//>`}
    </section>
    <section aria-labelledby="approvals-title">
      <h2 id="approvals-title">Approvals</h2>
      ${data.reviews.length === 0 ? html`<p class="muted">No review board has this system's models.</p>` :
        html`<${Table} caption="Review state per board" head=${['Model', 'Board', 'State', 'Missing', 'Signed off by']}>
          ${data.reviews.map(r => html`<tr><th scope="row">${r.model.ref}</th><td>${r.board.name}</td>
            <td><${Badge} state=${r.state === 'approved' ? 'good' : r.state === 'rejected' ? 'bad' : 'warn'}
                 label=${r.state} /></td>
            <td>${r.missing_functions.join(', ') || '—'}</td>
            <td>${r.current_signoffs.map(x => `${x.signer} (${x.function}: ${x.decision})`).join(', ') || '—'}</td></tr>`)}
        <//>`}
      <p><a href="#/reviews">Review queue</a></p>
    </section>
    <section aria-labelledby="system-governance-title">
      <h2 id="system-governance-title">Governance</h2>
      <${SystemGovernance} name=${s.name} />
    </section>
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit trail</h2>
      <${AuditTable} entries=${data.trail} caption=${'Audit entries about ' + s.name} />
    </section>
  </article>`;
}
