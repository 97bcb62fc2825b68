// Alert episodes (GET /api/alerts) with acknowledge and silence for
// contributors and above.
import {useState} from 'preact/hooks';

import {api, apiAll, seg} from '../api.js';
import {html} from '../html.js';
import {atLeast} from '../roles.js';
import {Badge, ErrorBox, formatNumber, formatTime, Loading, Table, useLoad} from '../ui.js';

const kStates = {firing: 'bad', pending: 'warn', resolved: 'good'};

function Actions({episode, act}) {
  const [hours, setHours] = useState('24');
  if (episode.state === 'resolved') return html`<span class="muted">resolved</span>`;
  const until = () => new Date(Date.now() + Number(hours) * 3600e3).toISOString().replace(/\.\d+Z$/, 'Z');
  return html`<div class="actions">
    ${!episode.acked_at && html`<button type="button" onClick=${() => act(episode, 'ack')}
        aria-label=${'Acknowledge ' + episode.alert}>Acknowledge</button>`}
    <label>for <select value=${hours} onChange=${e => setHours(e.currentTarget.value)}
        aria-label=${'Silence ' + episode.alert + ' for'}>
      ${[['1', '1 h'], ['24', '1 day'], ['168', '1 week']].map(([v, l]) => html`<option value=${v}>${l}</option>`)}
    </select></label>
    <button type="button" onClick=${() => act(episode, 'silence', {until: until()})}
        aria-label=${'Silence ' + episode.alert}>Silence</button>
  </div>`;
}

export function Alerts({user}) {
  const [openOnly, setOpenOnly] = useState(true);
  const {data, error, reload} = useLoad(
      () => apiAll('/api/alerts', {open: openOnly ? 'true' : ''}, 'episodes'), [openOnly]);
  const [message, setMessage] = useState(null);
  const [failure, setFailure] = useState(null);
  const act = async (episode, action, body) => {
    setMessage(null);
    setFailure(null);
    try {
      await api(`/api/alerts/${seg(episode.episode_id)}/${action}`, {method: 'POST', body: body || {}});
      setMessage(action === 'ack' ? `${episode.alert} acknowledged.` :
                                    `${episode.alert} silenced until ${formatTime(body.until)}.`);
      reload();
    } catch (err) {
      setFailure(err);
    }
  };
  const mayAct = atLeast(user, 'contributor');
  return html`<section aria-labelledby="alerts-title">
    <h1 id="alerts-title">Alerts</h1>
    <label class="toggle"><input type="checkbox" checked=${openOnly}
        onChange=${e => setOpenOnly(e.currentTarget.checked)} /> open only</label>
    <p class="status" role="status">${message}</p>
    <${ErrorBox} error=${failure || error} />
    ${!data && !error ? html`<${Loading} what="alerts" />` : data && data.length === 0 ?
      html`<p class="muted">No ${openOnly ? 'open ' : ''}alert.</p>` : data && html`
      <${Table} caption="Alert episodes" head=${['Alert', 'Monitor', 'Severity', 'State', 'Observed',
                                                 'Since', 'Acknowledged', 'Silenced until',
                                                 ...(mayAct ? ['Actions'] : [])]}>
        ${data.map(e => html`<tr data-episode=${e.episode_id}>
          <th scope="row">${e.alert}<br/><code>${e.expression}</code></th>
          <td>${e.monitor} (${e.schedule})</td><td>${e.severity}</td>
          <td><${Badge} state=${kStates[e.state] || 'none'} label=${e.state} /></td>
          <td>${formatNumber(e.observed)}</td><td>${formatTime(e.first_window_start)}</td>
          <td>${e.acked_at ? `${e.acked_by}, ${formatTime(e.acked_at)}` : '—'}</td>
          <td>${formatTime(e.silenced_until)}</td>
          ${mayAct && html`<td><${Actions} episode=${e} act=${act} /></td>`}
        </tr>`)}
      <//>`}
  </section>`;
}
