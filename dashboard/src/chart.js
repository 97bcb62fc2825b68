// A monitor metric over time with uPlot: the metric per window (by window
// end), its alert thresholds as dashed lines — a learned threshold as a
// dotted line through its value in each window, since it is learned again
// window by window —, and the alert episodes as shaded periods. The numbers are also in a table under the chart for
// screen readers and for copying.
import {useEffect, useRef} from 'preact/hooks';
import uPlot from 'uplot';

import {html} from './html.js';
import {formatNumber, formatTime} from './ui.js';

const kColors = {value: '#1f5fa8', threshold: '#b3261e', learned: '#8a4b00',
                 period: 'rgba(179, 38, 30, 0.12)'};

const seconds = iso => Date.parse(iso) / 1000;

// The latest value a learned line had ("—" before any).
const latest = line => {
  const known = line.values.filter(v => v !== null);
  return known.length ? formatNumber(known[known.length - 1]) : '—';
};
const learnedLabel = l => `${l.rule}: ${l.op} threshold ${l.label} (latest ${latest(l)})`;

// points: [{window, window_start, window_end, value}], thresholds: [{op,
// value}], learned: [{rule, op, label, values}] (values: one per point, null
// where there was too little evidence), periods: [{from, to, label}] (ISO times).
export function MetricChart({title, metric, points, thresholds, learned = [], periods}) {
  const box = useRef(null);
  const kept = points.map((p, i) => i)
                   .filter(i => typeof points[i].value === 'number' || points[i].value === null);
  const numeric = kept.map(i => points[i]);
  useEffect(() => {
    const el = box.current;  // kept: the ref is null once the view is gone
    if (!el || numeric.length === 0) return undefined;
    const xs = numeric.map(p => seconds(p.window_end));
    const data = [xs, numeric.map(p => p.value)];
    const series = [{}, {label: metric, stroke: kColors.value, width: 2, points: {show: true}}];
    for (const t of thresholds) {
      data.push(xs.map(() => t.value));
      series.push({label: `threshold ${t.op} ${t.value}`, stroke: kColors.threshold, dash: [6, 4],
                   width: 1.5, points: {show: false}});
    }
    for (const l of learned) {
      data.push(kept.map(i => l.values[i]));
      series.push({label: `${l.op} ${l.label}`, stroke: kColors.learned, dash: [2, 3], width: 1.5,
                   points: {show: false}});
    }
    const shade = u => {
      const ctx = u.ctx;
      ctx.save();
      ctx.fillStyle = kColors.period;
      for (const p of periods) {
        const left = u.valToPos(seconds(p.from), 'x', true);
        const right = u.valToPos(seconds(p.to), 'x', true);
        ctx.fillRect(left, u.bbox.top, Math.max(right - left, 2), u.bbox.height);
      }
      ctx.restore();
    };
    const width = () => Math.max(el.clientWidth, 240);
    const plot = new uPlot({
      width: width(),
      height: 240,
      series,
      scales: {x: {time: true}},
      axes: [{label: 'window end (UTC)'}, {label: metric}],
      hooks: {drawClear: [shade]},
    }, data, el);
    const observer = new ResizeObserver(() => plot.setSize({width: width(), height: 240}));
    observer.observe(el);
    return () => {
      observer.disconnect();
      plot.destroy();
    };
  }, [metric, points, thresholds, learned, periods]);
  const label = `${title}: ${metric} by window` +
      (thresholds.length ? `, threshold ${thresholds.map(t => t.op + ' ' + t.value).join(', ')}` : '') +
      (learned.length ? `, ${learned.map(learnedLabel).join(', ')}` : '') +
      (periods.length ? `, ${periods.length} alert period(s) shaded` : '');
  return html`<figure class="chart">
    <figcaption>${title}: <code>${metric}</code></figcaption>
    ${numeric.length === 0 ? html`<p class="muted">No numeric values for this metric yet.</p>` :
        html`<div class="plot" ref=${box} role="img" aria-label=${label}></div>`}
    ${learned.length > 0 && html`<p class="legend-note"><span class="swatch learned"></span>
      Learned thresholds: ${learned.map(learnedLabel).join('; ')}</p>`}
    ${periods.length > 0 && html`<p class="legend-note"><span class="swatch period"></span>
      Alert periods: ${periods.map(p => `${p.label} ${formatTime(p.from)} – ${formatTime(p.to)}`).join('; ')}</p>`}
    <details><summary>Values</summary>
      <div class="table-wrap"><table><thead><tr><th scope="col">window</th><th scope="col">end</th>
        <th scope="col">${metric}</th>
        ${learned.map(l => html`<th scope="col">${l.rule} ${l.op} (${l.label})</th>`)}</tr></thead>
      <tbody>${points.map((p, i) => html`<tr><td>${p.window}</td><td>${formatTime(p.window_end)}</td>
        <td>${typeof p.value === 'object' && p.value !== null ? JSON.stringify(p.value) : formatNumber(p.value)}</td>
        ${learned.map(l => html`<td>${formatNumber(l.values[i])}</td>`)}</tr>`)}</tbody>
      </table></div>
    </details>
  </figure>`;
}
