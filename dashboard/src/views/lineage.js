// The system page's chaos verdicts, serving side (prediction log, monitors)
// and lineage graph of each serving version (GET
// /api/systems/{name}/lineage). The graph is small (at most 40 nodes,
// the server's cut), so it is laid out here in a few lines instead of with a
// layout library: layers by longest path from the sources, top to bottom so
// it fits a phone, drawn as SVG with a text alternative and the same edges
// as a table for screen readers.
import {kNodeHeight, kNodeWidth, layout} from '../graph_layout.js';
import {html} from '../html.js';
import {Badge, formatNumber, formatTime, Table} from '../ui.js';

const kMaxLabel = 22;

const kKindWords = {dataset: 'data', run: 'run', model: 'model', deployment: 'deployment',
                    predictions: 'predictions', monitor: 'monitor'};

// A monitor node's alert state, for its colour; the words are in its detail.
function nodeClass(n, model) {
  if (n.kind !== 'monitor') return 'node ' + n.kind;
  const m = model.monitors.find(w => 'monitor:' + w.name === n.id);
  return 'node monitor' + (m ? ' alert-' + m.alert_state : '');
}

function shorten(text) {
  return text.length > kMaxLabel ? text.slice(0, kMaxLabel - 1) + '…' : text;
}

function LineageGraph({model}) {
  const g = model.graph;
  const {at, width, height} = layout(g);
  const names = new Map(g.nodes.map(n => [n.id, `${kKindWords[n.kind] || n.kind} ${n.label}`]));
  const titleId = `lineage-${model.ref}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const summary = `Lineage of ${model.ref}: ${g.nodes.length} nodes, ${g.edges.length} links` +
      (g.truncated ? ' (cut at the nearest 40 nodes)' : '');
  return html`<figure class="lineage">
    <svg viewBox=${`0 0 ${width} ${height}`} width=${width} role="img" aria-labelledby=${titleId}
        class="lineage-graph">
      <title id=${titleId}>${summary}</title>
      <defs><marker id=${titleId + '-arrow'} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7"
          markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" class="edge-head" /></marker></defs>
      ${g.edges.filter(e => at.has(e.from) && at.has(e.to)).map(e => {
        const a = at.get(e.from), b = at.get(e.to);
        const x1 = a.x + kNodeWidth / 2, y1 = a.y + kNodeHeight, x2 = b.x + kNodeWidth / 2, y2 = b.y;
        const my = (y1 + y2) / 2;
        return html`<path class="edge" d=${`M ${x1} ${y1} C ${x1} ${my}, ${x2} ${my}, ${x2} ${y2 - 2}`}
            marker-end=${`url(#${titleId}-arrow)`}><title>${`${names.get(e.from)} → ${names.get(e.to)} (${e.label})`}</title></path>`;
      })}
      ${g.nodes.map(n => {
        const p = at.get(n.id);
        return html`<g class=${nodeClass(n, model)} transform=${`translate(${p.x} ${p.y})`}>
          <title>${`${names.get(n.id)}${n.detail ? ' — ' + n.detail : ''}`}</title>
          <rect width=${kNodeWidth} height=${kNodeHeight} rx=${n.kind === 'run' ? 2 : 10} />
          <text x="8" y="17" class="kind">${kKindWords[n.kind] || n.kind}</text>
          <text x="8" y="34" class="label">${shorten(n.label)}</text>
        </g>`;
      })}
    </svg>
    <figcaption>${summary}</figcaption>
  </figure>
  <details><summary>Lineage of ${model.ref} as a table</summary>
    <${Table} caption=${'Links in the lineage of ' + model.ref} head=${['From', 'Link', 'To']}>
      ${g.edges.map(e => html`<tr><th scope="row">${names.get(e.from) || e.from}</th><td>${e.label}</td>
        <td>${names.get(e.to) || e.to}</td></tr>`)}
    <//>
  </details>`;
}

const kChaosState = {pass: 'good', warn: 'warn', fail: 'bad'};

function ChaosVerdicts({model}) {
  if (model.chaos.length === 0) {
    return html`<p class="muted">No chaos run recorded for ${model.ref}
      (<code>airm chaos --model ${model.ref}</code> records one).</p>`;
  }
  return html`<${Table} caption=${'Chaos verdicts of ' + model.ref + ', newest first'} stack
      head=${['Recorded', 'Verdict', 'Summary', 'By']}>
    ${model.chaos.map(c => html`<tr data-chaos=${c.status}>
      <th scope="row" data-label="Recorded">${formatTime(c.recorded_at)}</th>
      <td data-label="Verdict"><${Badge} state=${kChaosState[c.status] || 'muted'} label=${c.status} /></td>
      <td data-label="Summary">${c.summary}</td>
      <td data-label="By">${c.recorded_by}</td></tr>`)}
  <//>`;
}

function PredictionLog({model}) {
  const log = model.predictions;
  if (log.batches === 0) {
    return html`<p class="muted" data-predictions="0">No prediction of ${model.ref} is logged
      (<code>airm predictions log --model ${model.ref}</code> logs them).</p>`;
  }
  const span = log.first_logged_at === log.last_logged_at ? `on ${formatTime(log.first_logged_at)}` :
      `from ${formatTime(log.first_logged_at)} to ${formatTime(log.last_logged_at)}`;
  const labelled = log.labelled === null ? 'labels not counted (too many in the store to count per page)' :
      `${formatNumber(log.labelled)} with a label`;
  const batches = `${formatNumber(log.batches)} ${log.batches === 1 ? 'batch' : 'batches'}`;
  return html`<p data-predictions=${log.predictions}>${
    `${formatNumber(log.predictions)} predictions logged in ${batches} ${span}; ${labelled}.`}</p>`;
}

const kAlertState = {firing: 'bad', pending: 'warn', ok: 'good'};
const kReads = {predictions: 'its prediction log', files: 'files', sqlite: 'an SQLite query',
                postgres: 'a PostgreSQL query'};

function WatchingMonitors({model, note}) {
  if (model.monitors.length === 0) {
    return html`<p class="muted">${note || html`No monitor in airm.yaml watches ${model.ref}
      (a monitor's <code>model</code> links it).`}</p>`;
  }
  return html`<${Table} caption=${'Monitors watching ' + model.ref} stack
      head=${['Monitor', 'Reads', 'Last window', 'Alerts']}>
    ${model.monitors.map(w => html`<tr data-monitor=${w.name}>
      <th scope="row" data-label="Monitor">${w.name}</th>
      <td data-label="Reads">${kReads[w.reads] || w.reads}</td>
      <td data-label="Last window">${w.last_window ?
          `${w.last_window.label} (${w.last_window.status}, ${formatNumber(w.last_window.rows)} rows)` :
          'none computed yet'}</td>
      <td data-label="Alerts"><${Badge} state=${kAlertState[w.alert_state] || 'muted'} label=${w.alert_state} />
        ${w.open_alerts.map(a => ` ${a.alert} (${a.state}, ${a.severity})`).join(',')}</td></tr>`)}
  <//>`;
}

// One section per serving version: where it serves, its chaos verdicts, its
// prediction log and monitors, its lineage graph.
export function ServingModels({lineage}) {
  if (!lineage) return null;
  if (lineage.models.length === 0) {
    return html`<p class="muted">No model version is linked to this system.</p>`;
  }
  return lineage.models.map(m => html`<section class="serving" aria-label=${'Serving version ' + m.ref}>
    <h3>${m.ref}</h3>
    <p>${m.deployed ? html`Serving in ${m.deployments.map(d => `${d.environment} (since ${formatTime(d.valid_from)})`).join(', ')}.` :
        'Not deployed: the newest version is shown.'}</p>
    <h4>Chaos results</h4>
    <${ChaosVerdicts} model=${m} />
    <h4>Predictions and monitors</h4>
    <${PredictionLog} model=${m} />
    <${WatchingMonitors} model=${m} note=${lineage.monitors_note} />
    <h4>Lineage</h4>
    ${m.graph.nodes.length > 1 ? html`<${LineageGraph} model=${m} />` :
      html`<p class="muted">No data or runs recorded for ${m.ref}.</p>`}
  </section>`);
}
