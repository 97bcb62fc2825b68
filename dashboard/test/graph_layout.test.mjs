// The lineage graph's layout (src/graph_layout.js) with node's test runner:
// every edge points down a layer, a layer is centred, and a cycle ends.
import assert from 'node:assert/strict';
import {test} from 'node:test';

import {kNodeHeight, kNodeWidth, layout} from '../src/graph_layout.js';

const node = id => ({id, kind: 'dataset', label: id, detail: ''});

test('a node sits one layer below its deepest source', () => {
  // raw -> prep -> features -> model, and raw -> model directly.
  const g = {
    nodes: ['model', 'features', 'raw', 'prep', 'env'].map(node),
    edges: [{from: 'raw', to: 'prep'}, {from: 'prep', to: 'features'},
            {from: 'features', to: 'model'}, {from: 'raw', to: 'model'},
            {from: 'model', to: 'env'}],
  };
  const {at, height} = layout(g);
  const row = id => (at.get(id).y - 18) / (kNodeHeight + 36);
  assert.deepEqual(['raw', 'prep', 'features', 'model', 'env'].map(row), [0, 1, 2, 3, 4]);
  for (const e of g.edges) assert.ok(at.get(e.from).y < at.get(e.to).y, `${e.from} above ${e.to}`);
  assert.equal(height, 5 * (kNodeHeight + 36));
});

test('the widest layer sets the width and narrower layers are centred', () => {
  const g = {
    nodes: ['a', 'b', 'm'].map(node),
    edges: [{from: 'a', to: 'm'}, {from: 'b', to: 'm'}],
  };
  const {at, width} = layout(g);
  assert.equal(width, 2 * (kNodeWidth + 16) + 16);
  assert.equal(at.get('a').x, 16);
  assert.equal(at.get('b').x, 16 + kNodeWidth + 16);
  assert.equal(at.get('m').x + kNodeWidth / 2, width / 2);
});

test('a cycle does not hang the layout', () => {
  const g = {nodes: ['x', 'y'].map(node), edges: [{from: 'x', to: 'y'}, {from: 'y', to: 'x'}]};
  const {at} = layout(g);
  assert.equal(at.size, 2);
});
