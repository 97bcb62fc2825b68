// Small shared pieces of the views.
import {useEffect, useState} from 'preact/hooks';

import {html} from './html.js';

// Loads with `load()` whenever `deps` change: {data, error, reload}.
export function useLoad(load, deps) {
  const [state, setState] = useState({data: null, error: null});
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setState(s => ({data: s.data, error: null}));
    load().then(data => live && setState({data, error: null}),
                error => live && setState({data: null, error}));
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return {...state, reload: () => setTick(t => t + 1)};
}

export function Badge({state, label}) {
  return html`<span class=${'badge ' + state}>${label}</span>`;
}

export function ErrorBox({error}) {
  if (!error) return null;
  return html`<p class="error" role="alert">${error.message || String(error)}</p>`;
}

export function Loading({what}) {
  return html`<p class="loading" aria-busy="true">Loading ${what}…</p>`;
}

// A table that scrolls sideways inside its own box on a narrow screen, or
// with `stack` shows each row as a card there (its cells carry data-label).
export function Table({caption, head, children, stack}) {
  return html`<div class=${stack ? 'table-wrap stack' : 'table-wrap'} tabindex="0" role="region"
      aria-label=${caption}>
    <table>
      <caption>${caption}</caption>
      <thead><tr>${head.map(h => html`<th scope="col">${h}</th>`)}</tr></thead>
      <tbody>${children}</tbody>
    </table>
  </div>`;
}

export function formatNumber(v) {
  if (typeof v !== 'number') return v === null || v === undefined ? '—' : String(v);
  return Math.abs(v) >= 1000 || Number.isInteger(v) ? v.toLocaleString('en') : v.toPrecision(3);
}

export function formatTime(iso) {
  return iso ? iso.replace('T', ' ').replace(/:\d\dZ$/, ' UTC') : '—';
}
