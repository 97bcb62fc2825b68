// The portfolio's states (src/status.js) with node's test runner: which
// monitors and reviews belong to a system, and how their states combine.
import assert from 'node:assert/strict';
import {test} from 'node:test';

import {alertState, approvalState, driftState, modelName, monitorsOf, reviewsOf, tierOf} from
    '../src/status.js';

const system = {models: [{model: 'credit-risk'}, {model: 'a@b'}], eu_ai_act: null};
const episode = (state, extra = {}) => ({state, acked_at: null, silenced_until: null, ...extra});

test('a model reference splits at its last @', () => {
  assert.equal(modelName('credit-risk@1.0'), 'credit-risk');
  assert.equal(modelName('a@b@2'), 'a@b');
  assert.equal(modelName('bare'), 'bare');
});

test('an unclassified system says so', () => {
  assert.equal(tierOf(system), 'unclassified');
  assert.equal(tierOf({eu_ai_act: {tier: 'high'}}), 'high');
});

test('monitors and reviews belong to a system through its linked models', () => {
  const monitors = [{monitor: 'm1', model: 'credit-risk'}, {monitor: 'm2', model: null},
                    {monitor: 'm3', model: 'other'}];
  assert.deepEqual(monitorsOf(system, monitors).map(m => m.monitor), ['m1']);
  // A monitor of one version (airm.yaml's `model: NAME@VERSION`) belongs too.
  assert.deepEqual(monitorsOf(system, [{monitor: 'm4', model: 'credit-risk@1'}]).map(m => m.monitor),
                   ['m4']);
  const reviews = [{model: {ref: 'credit-risk@2'}}, {model: {ref: 'a@b@1'}},
                   {model: {ref: 'other@1'}}];
  assert.deepEqual(reviewsOf(system, reviews).map(r => r.model.ref), ['credit-risk@2', 'a@b@1']);
});

test('alerts: firing beats pending beats acknowledged; none without a monitor', () => {
  assert.equal(alertState([]).label, 'no monitor');
  assert.equal(alertState([{open_alerts: []}]).state, 'good');
  const future = '2999-01-01T00:00:00Z';
  assert.deepEqual(alertState([{open_alerts: [episode('pending'), episode('firing')]}]),
                   {state: 'bad', label: '1 firing'});
  assert.deepEqual(alertState([{open_alerts: [episode('firing', {acked_at: 'x'}),
                                              episode('pending')]}]),
                   {state: 'warn', label: '1 pending'});
  assert.deepEqual(alertState([{open_alerts: [episode('firing', {silenced_until: future})]}]),
                   {state: 'muted', label: '1 acknowledged'});
  // A silence that has ended no longer quiets the alert.
  assert.equal(alertState([{open_alerts: [episode('firing', {silenced_until: '2000-01-01T00:00:00Z'})]}])
                   .state, 'bad');
});

test('drift: any drifted monitor drifts the system; unknown verdicts are no data', () => {
  const ms = [{monitor: 'a'}, {monitor: 'b'}];
  assert.equal(driftState(ms, {}).label, 'no data');
  assert.equal(driftState(ms, {a: false, b: undefined}).label, 'stable');
  assert.equal(driftState(ms, {a: false, b: true}).label, 'drifted');
});

test('approval: a rejection wins; approved only when every board approved', () => {
  assert.equal(approvalState([]).label, 'no review');
  assert.equal(approvalState([{state: 'approved'}, {state: 'pending'}]).label, 'pending');
  assert.equal(approvalState([{state: 'approved'}, {state: 'rejected'}]).label, 'rejected');
  assert.equal(approvalState([{state: 'approved'}, {state: 'approved'}]).label, 'approved');
});
