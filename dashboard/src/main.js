// The dashboard's entry point, bundled by esbuild (src/server/CMakeLists.txt)
// with uPlot's style sheet and ours into app.js and app.css.
import 'uplot/dist/uPlot.min.css';
import './style.css';

import {render} from 'preact';

import {App} from './app.js';
import {html} from './html.js';

render(html`<${App} />`, document.getElementById('app'));
