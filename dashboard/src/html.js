// htm bound to Preact's h: tagged templates instead of JSX, so the bundle
// needs no compile step beyond esbuild's bundling. Every ${value} in a
// template is a text node or an attribute value, escaped by Preact; nothing
// here sets innerHTML.
import {h} from 'preact';
import htm from 'htm';

export const html = htm.bind(h);
