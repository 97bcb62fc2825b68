// A system's states at a glance, from the documents of /api/systems,
// /api/monitors and /api/reviews. A monitor belongs to a system when its
// `model` is one of the system's linked models; a review when its model
// version is.

export function modelName(ref) {
  const at = ref.lastIndexOf('@');
  return at > 0 ? ref.slice(0, at) : ref;
}

export function tierOf(system) {
  return system.eu_ai_act ? system.eu_ai_act.tier : 'unclassified';
}

// A monitor's `model` is NAME or NAME@VERSION (airm.yaml); systems link names.
export function monitorsOf(system, monitors) {
  const models = new Set(system.models.map(m => m.model));
  return monitors.filter(m => m.model && models.has(modelName(m.model)));
}

export function reviewsOf(system, reviews) {
  const models = new Set(system.models.map(m => m.model));
  return reviews.filter(r => models.has(modelName(r.model.ref)));
}

// firing > pending > acknowledged/silenced > ok; "no monitor" when none watches it.
export function alertState(monitors) {
  if (monitors.length === 0) return {state: 'none', label: 'no monitor'};
  const open = monitors.flatMap(m => m.open_alerts);
  const now = new Date().toISOString();
  const quiet = e => e.acked_at || (e.silenced_until && e.silenced_until > now);
  const firing = open.filter(e => e.state === 'firing' && !quiet(e));
  if (firing.length) return {state: 'bad', label: `${firing.length} firing`};
  const pending = open.filter(e => e.state === 'pending' && !quiet(e));
  if (pending.length) return {state: 'warn', label: `${pending.length} pending`};
  if (open.length) return {state: 'muted', label: `${open.length} acknowledged`};
  return {state: 'good', label: 'no open alert'};
}

// `latest`: monitor name -> the newest window's verdict.input_drift.drifted
// (true/false), or undefined when there is none or it is not a drift monitor.
export function driftState(monitors, latest) {
  const known = monitors.map(m => latest[m.monitor]).filter(v => v === true || v === false);
  if (known.length === 0) return {state: 'none', label: 'no data'};
  if (known.some(v => v)) return {state: 'bad', label: 'drifted'};
  return {state: 'good', label: 'stable'};
}

export function approvalState(reviews) {
  if (reviews.length === 0) return {state: 'none', label: 'no review'};
  if (reviews.some(r => r.state === 'rejected')) return {state: 'bad', label: 'rejected'};
  if (reviews.every(r => r.state === 'approved')) return {state: 'good', label: 'approved'};
  return {state: 'warn', label: 'pending'};
}
