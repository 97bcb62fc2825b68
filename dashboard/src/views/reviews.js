// The review queue (GET /api/reviews): each board's state of each model's
// newest version, with approve / reject and a comment for reviewers. The
// server applies the board's rules (a seat for the function, separation of
// duties, quorum) and its refusal is shown as it says it.
import {useState} from 'preact/hooks';

import {api, apiAll, seg} from '../api.js';
import {html} from '../html.js';
import {atLeast} from '../roles.js';
import {Badge, ErrorBox, formatTime, Loading, useLoad} from '../ui.js';

const kStates = {approved: 'good', rejected: 'bad', pending: 'warn'};

function Decide({review, onDone}) {
  const [decision, setDecision] = useState('approve');
  const [comment, setComment] = useState('');
  const [conditions, setConditions] = useState('');
  const [failure, setFailure] = useState(null);
  const [busy, setBusy] = useState(false);
  const id = `${review.board.name}-${review.model.ref}`.replace(/[^A-Za-z0-9_-]/g, '_');
  const submit = async e => {
    e.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const body = {board: review.board.name, decision, comment};
      if (decision === 'approve-with-conditions') {
        body.conditions = conditions.split('\n').map(c => c.trim()).filter(Boolean);
      }
      await api(`/api/reviews/${seg(review.model.ref)}/decisions`, {method: 'POST', body});
      setComment('');
      onDone(`${decision} of ${review.model.ref} by ${review.board.name} recorded.`);
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  };
  return html`<form class="decide" onSubmit=${submit}
      aria-label=${`Decide on ${review.model.ref} for ${review.board.name}`}>
    <label for=${id + '-decision'}>Decision</label>
    <select id=${id + '-decision'} name="decision" value=${decision}
        onChange=${e => setDecision(e.currentTarget.value)}>
      <option value="approve">approve</option>
      <option value="approve-with-conditions">approve with conditions</option>
      <option value="reject">reject</option>
    </select>
    ${decision === 'approve-with-conditions' && html`<label for=${id + '-conditions'}>Conditions (one per line)</label>
      <textarea id=${id + '-conditions'} name="conditions" rows="2" value=${conditions}
          onInput=${e => setConditions(e.currentTarget.value)}></textarea>`}
    <label for=${id + '-comment'}>Comment</label>
    <textarea id=${id + '-comment'} name="comment" rows="2" value=${comment}
        onInput=${e => setComment(e.currentTarget.value)}></textarea>
    <button type="submit" disabled=${busy}>Submit decision</button>
    <${ErrorBox} error=${failure} />
  </form>`;
}

export function Reviews({user}) {
  const {data, error, reload} = useLoad(() => apiAll('/api/reviews', {}, 'reviews'), []);
  const [message, setMessage] = useState(null);
  if (error) return html`<${ErrorBox} error=${error} />`;
  if (!data) return html`<${Loading} what="the review queue" />`;
  const mayDecide = atLeast(user, 'reviewer');
  const done = text => {
    setMessage(text);
    reload();
  };
  return html`<section aria-labelledby="reviews-title">
    <h1 id="reviews-title">Review queue</h1>
    <p class="status" role="status">${message}</p>
    ${data.length === 0 && html`<p class="muted">No review board, or no registered model.</p>`}
    ${!mayDecide && data.length > 0 && html`<p class="muted">Decisions need the reviewer role;
      ${user.username} is ${user.role}.</p>`}
    <div class="cards">
    ${data.map(r => html`<section class="card review" data-model=${r.model.ref} data-board=${r.board.name}
        aria-label=${`${r.model.ref} by ${r.board.name}`}>
      <h2>${r.model.ref} <${Badge} state=${kStates[r.state] || 'none'} label=${r.state} /></h2>
      <dl class="facts">
        <dt>Board</dt><dd>${r.board.name} (${r.board.quorum}: ${r.board.functions.join(', ')})</dd>
        <dt>Registered by</dt><dd>${r.model.registered_by}</dd>
        <dt>Missing</dt><dd>${r.missing_functions.join(', ') || 'none'}</dd>
      </dl>
      ${r.current_signoffs.length > 0 && html`<ul class="signoffs">
        ${r.current_signoffs.map(s => html`<li>${s.signer} (${s.function}): <strong>${s.decision}</strong>
          ${s.comment && html` — “${s.comment}”`} ${formatTime(s.decided_at)}</li>`)}</ul>`}
      ${r.findings.map(f => html`<p class=${'finding ' + f.severity}>${f.message}</p>`)}
      ${mayDecide && html`<${Decide} review=${r} onDone=${done} />`}
    </section>`)}
    </div>
  </section>`;
}
