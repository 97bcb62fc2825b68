// Where the lineage graph's boxes go (views/lineage.js): layers by longest
// path from the sources, top to bottom so the graph fits a phone's width,
// each layer centred. Pure, so node's test runner checks it
// (dashboard/test/graph_layout.test.mjs).
export const kNodeWidth = 168;
export const kNodeHeight = 44;
const kGapX = 16;
const kGapY = 36;

// A node sits one layer below its deepest source, so
// every edge points down. Cycles cannot occur (runs only read older data) but
// are cut anyway after as many rounds as there are nodes.
export function layout(graph) {
  const layer = new Map(graph.nodes.map(n => [n.id, 0]));
  for (let round = 0; round < graph.nodes.length; ++round) {
    let changed = false;
    for (const e of graph.edges) {
      const next = layer.get(e.from) + 1;
      if (layer.has(e.to) && next > layer.get(e.to)) {
        layer.set(e.to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const rows = [];
  for (const n of graph.nodes) {
    const l = layer.get(n.id);
    (rows[l] = rows[l] || []).push(n);
  }
  const widest = Math.max(1, ...rows.map(r => (r ? r.length : 0)));
  const width = widest * (kNodeWidth + kGapX) + kGapX;
  const at = new Map();
  rows.forEach((row, l) => {
    if (!row) return;
    const offset = (width - row.length * (kNodeWidth + kGapX) + kGapX) / 2;
    row.forEach((n, i) => at.set(n.id, {x: offset + i * (kNodeWidth + kGapX), y: kGapY / 2 + l * (kNodeHeight + kGapY)}));
  });
  return {at, width, height: rows.length * (kNodeHeight + kGapY)};
}
