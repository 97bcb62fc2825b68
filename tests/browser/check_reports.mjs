// Renders airm's HTML reports in headless Chromium as a person would see them,
// at desktop (1400 px) and phone (390 px) width, and checks what a reader
// needs (issue 16 §6):
//   - the page never scrolls sideways (a wide table scrolls inside its own
//     wrapper instead);
//   - every chart (an <svg> other than an inline table bar) has an x and a y
//     axis label, and a legend entry per series when it has several;
//   - nothing is loaded from the network (the page is one file);
//   - with JavaScript off the page shows the same content (nothing hidden that
//     only a script would reveal).
// Full-page screenshots are saved as <out>/<report>-<width>.png.
//
// Before the reports, the checks run on a deliberately broken page written
// here (a wide block, a chart without axis labels, two series without a
// legend, a remote image): the test fails unless every check catches it, so a
// check that stopped working cannot pass silently.
//
// With --docs DIR it also saves the top of each report at 1100 x 760 px as
// DIR/<report>.png, the small pictures docs/reports.md shows.
//
// Usage: node check_reports.mjs --out DIR [--docs DIR] [--chromium PATH] REPORT.html...
import fs from 'node:fs';
import path from 'node:path';
import {pathToFileURL} from 'node:url';

import puppeteer from 'puppeteer-core';

const kWidths = [1400, 390];

function parseArgs(argv) {
  const args = {out: null, docs: null, chromium: process.env.CHROMIUM || '/usr/bin/chromium',
                files: []};
  for (let i = 0; i < argv.length; ++i) {
    if (argv[i] === '--out') {
      args.out = argv[++i];
    } else if (argv[i] === '--docs') {
      args.docs = argv[++i];
    } else if (argv[i] === '--chromium') {
      args.chromium = argv[++i];
    } else {
      args.files.push(argv[i]);
    }
  }
  if (!args.out || args.files.length === 0) {
    console.error('usage: node check_reports.mjs --out DIR [--chromium PATH] REPORT.html...');
    process.exit(2);
  }
  return args;
}

// Runs in the page: every problem a reader would meet, as strings.
function pageProblems() {
  const problems = [];
  const width = window.innerWidth;
  const scrollWidth = document.scrollingElement.scrollWidth;
  if (scrollWidth > width) {
    // Name the widest elements that stick out, so the failure says where.
    const culprits = [];
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.right <= width + 0.5 || box.width === 0) continue;
      let scrolled = false;  // inside a container that scrolls on its own
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const overflow = getComputedStyle(p).overflowX;
        if (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') {
          scrolled = true;
          break;
        }
      }
      if (scrolled) continue;
      const id = el.id ? '#' + el.id : '';
      const cls = el.classList.length ? '.' + [...el.classList].join('.') : '';
      culprits.push(`${el.tagName.toLowerCase()}${id}${cls} (right edge ${Math.round(box.right)})`);
      if (culprits.length >= 5) break;
    }
    problems.push(`page scrolls sideways: scrollWidth ${scrollWidth} > innerWidth ${width}; ` +
                  `wide elements: ${culprits.join(', ') || 'unknown'}`);
  }
  // "What needs attention": within one severity, a column the model leans on
  // comes before one it uses less ("N% of the model's gain"; "not used" = 0).
  for (const list of document.querySelectorAll('ul.findings')) {
    let severity = null;
    let previous = Infinity;
    for (const item of list.children) {
      const badge = item.querySelector('.badge');
      const level = badge ? badge.textContent.trim() : '';
      if (level !== severity) {
        severity = level;
        previous = Infinity;
      }
      const text = item.textContent;
      const m = text.match(/([\d.]+)% of the model's gain/);
      const share = m ? Number(m[1]) : /not used by the model/.test(text) ? 0 : null;
      if (share === null) continue;
      if (share > previous) {
        problems.push(`attention list not ordered by model use: ${share}% after ${previous}% ` +
                      `(${level})`);
      }
      previous = share;
    }
  }
  const charts = [...document.querySelectorAll('svg')].filter(s => !s.classList.contains('inline'));
  charts.forEach((svg, i) => {
    const name = svg.getAttribute('aria-label') || `chart ${i + 1}`;
    if (!svg.classList.contains('chart')) {
      problems.push(`svg "${name}" is not marked as a chart (class "chart"), so it is not checked`);
      return;
    }
    if (svg.querySelector('.no-data')) return;  // "no data" has no axes to label
    for (const axis of ['x', 'y']) {
      const label = svg.querySelector(`.axis-label.${axis}`);
      if (!label || !label.textContent.trim()) {
        problems.push(`chart "${name}" has no ${axis} axis label`);
      }
    }
    const series = Number(svg.getAttribute('data-series') || '0');
    if (!(series >= 1)) problems.push(`chart "${name}" does not say how many series it draws`);
    const entries = svg.querySelectorAll('.legend-entry').length;
    if (series > 1 && entries < series) {
      problems.push(`chart "${name}" draws ${series} series but its legend has ${entries} entries`);
    }
  });
  return problems;
}

// Runs in the page: the script's conveniences do what they say. The status
// filter hides every passing element; a header click sorts its column.
function scriptProblems() {
  const problems = [];
  const filter = document.getElementById('status-filter');
  if (filter) {
    if (filter.closest('[hidden]')) problems.push('the status filter is still hidden');
    filter.click();
    const shown = [...document.querySelectorAll('[data-status="good"]')]
                      .filter(e => e.getClientRects().length > 0);
    if (shown.length > 0) problems.push(`the filter left ${shown.length} passing elements visible`);
    filter.click();
  }
  for (const table of document.querySelectorAll('table.sortable')) {
    const body = table.tBodies[0];
    if (!body || body.rows.length < 3) continue;
    const th = [...table.tHead.rows[0].cells].find(c => c.classList.contains('sort'));
    if (!th) {
      problems.push('a sortable table has no sortable header');
      break;
    }
    const col = th.cellIndex;
    th.click();
    const texts = [...body.rows].map(r => (r.cells[col] || {textContent: ''}).textContent.trim());
    const sorted = [...texts].sort((a, b) => a.localeCompare(b, undefined, {numeric: true}));
    if (th.getAttribute('aria-sort') !== 'ascending') {
      problems.push(`clicking "${th.textContent.trim()}" did not sort`);
    } else if (texts.filter(t => t !== '\u2014').join('|') !==
               sorted.filter(t => t !== '\u2014').join('|') &&
               !texts.every(t => /^[-\d.,%<>\s]+$/.test(t))) {
      problems.push(`clicking "${th.textContent.trim()}" left the rows unsorted: ${texts.slice(0, 4)}`);
    }
    break;  // one table shows the script works; the unit tests cover the markup
  }
  return problems;
}

// Visible text of the page: the same with and without JavaScript means no
// content depends on the script. Controls that only work with the script
// (marked data-js-only, hidden until it runs) are left out.
function visibleText() {
  for (const el of document.querySelectorAll('[data-js-only]')) el.style.display = 'none';
  return document.body.innerText.replace(/\s+/g, ' ').trim();
}

async function checkPage(browser, file, outDir, {screenshots}) {
  const problems = [];
  const base = path.basename(file, '.html');
  const url = pathToFileURL(path.resolve(file)).href;
  for (const width of kWidths) {
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', request => {
      const u = request.url();
      if (u.startsWith('file:') || u.startsWith('data:') || u.startsWith('about:')) {
        request.continue();
      } else {
        problems.push(`${width}px: loads ${u} (a report must be one self-contained file)`);
        request.abort();
      }
    });
    const errors = [];
    page.on('pageerror', e => errors.push(String(e)));
    await page.setViewport({width, height: 900});
    await page.goto(url, {waitUntil: 'load'});
    for (const p of await page.evaluate(pageProblems)) problems.push(`${width}px: ${p}`);
    for (const e of errors) problems.push(`${width}px: script error: ${e}`);
    if (width === kWidths[0]) {
      for (const p of await page.evaluate(scriptProblems)) problems.push(`${width}px: ${p}`);
    }
    if (screenshots) {
      await page.screenshot({path: path.join(outDir, `${base}-${width}.png`), fullPage: true});
    }
    await page.close();
  }
  const expected = kExpectedWords[base];
  if (expected) {
    const page = await browser.newPage();
    await page.goto(url, {waitUntil: 'load'});
    const text = await page.evaluate(visibleText);
    await page.close();
    for (const w of expected.has) {
      if (!text.includes(w)) problems.push(`does not show "${w}"`);
    }
    for (const w of expected.lacks) {
      if (text.includes(w)) problems.push(`still shows "${w}"`);
    }
  }
  // Without JavaScript: the same words are readable.
  const withJs = await browser.newPage();
  await withJs.goto(url, {waitUntil: 'load'});
  const scripted = await withJs.evaluate(visibleText);
  await withJs.close();
  const noJs = await browser.newPage();
  await noJs.setJavaScriptEnabled(false);
  await noJs.goto(url, {waitUntil: 'load'});
  const plain = await noJs.evaluate(visibleText);
  await noJs.close();
  const missing = scripted.split(' ').filter(w => w.length > 3 && !plain.includes(w));
  if (missing.length > 0) {
    problems.push(`without JavaScript ${missing.length} words are not shown, e.g. ` +
                  missing.slice(0, 5).join(' '));
  }
  return problems;
}

async function docsPicture(browser, file, dir) {
  fs.mkdirSync(dir, {recursive: true});
  const page = await browser.newPage();
  await page.setViewport({width: 1100, height: 760});
  await page.goto(pathToFileURL(path.resolve(file)).href, {waitUntil: 'load'});
  await page.screenshot({path: path.join(dir, path.basename(file, '.html') + '.png')});
  await page.close();
}

// A page with one instance of every problem the checks must catch.
const kBrokenPage = `<!DOCTYPE html><html><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body>
<div style="width:1600px">a block wider than any screen</div>
<svg class="chart" data-series="2" viewBox="0 0 100 50" width="100" height="50">
<rect x="0" y="0" width="10" height="10"/></svg>
<svg viewBox="0 0 10 10" width="10" height="10"></svg>
<img src="http://example.invalid/logo.png" alt="">
<ul class="findings"><li><span class="badge warn">warn</span> A, 2.0% of the model's gain</li>
<li><span class="badge warn">warn</span> B, 10.0% of the model's gain</li></ul>
<script>document.body.insertAdjacentHTML('beforeend', '<p>revealed only by the script</p>')</script>
</body></html>`;

const kBrokenExpected = [
  ['1400px: page scrolls sideways', 'overflow at desktop width'],
  ['390px: page scrolls sideways', 'overflow at phone width'],
  ['has no x axis label', 'missing x axis label'],
  ['has no y axis label', 'missing y axis label'],
  ['draws 2 series but its legend has 0 entries', 'missing legend'],
  ['is not marked as a chart', 'unmarked svg'],
  ['loads http://example.invalid/logo.png', 'network request'],
  ['without JavaScript', 'content shown only by the script'],
  ['attention list not ordered by model use', 'a column the model uses more listed later'],
];

// Words each report must show a reader (issue 16), and words it must no
// longer show. Checked on the visible text at desktop width.
const kExpectedWords = {
  'drift': {has: ['Model uses it', "of the model's gain"], lacks: []},
  'model_card': {
    has: ['Latest results for this version', 'the latest failure-mode run',
          'Applicants older than 45', '(Age > 45)'],
    lacks: ['not recorded in the store', 'no drift run recorded', 'no evaluation recorded',
            'no failure-mode run recorded'],
  },
};

async function main() {
  const args = parseArgs(process.argv.slice(2));
  fs.mkdirSync(args.out, {recursive: true});
  const browser = await puppeteer.launch({
    executablePath: args.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--font-render-hinting=none'],
  });
  let failed = false;
  try {
    const broken = path.join(args.out, 'deliberately_broken.html');
    fs.writeFileSync(broken, kBrokenPage);
    const caught = await checkPage(browser, broken, args.out, {screenshots: false});
    for (const [needle, what] of kBrokenExpected) {
      if (!caught.some(p => p.includes(needle))) {
        console.error(`FAIL self-check: the broken page's ${what} was not caught`);
        failed = true;
      }
    }
    if (!failed) console.log(`ok   self-check: all ${kBrokenExpected.length} planted problems caught`);

    for (const file of args.files) {
      if (!fs.existsSync(file)) {
        console.error(`FAIL ${file}: no such report`);
        failed = true;
        continue;
      }
      const problems = await checkPage(browser, file, args.out, {screenshots: true});
      if (args.docs) await docsPicture(browser, file, args.docs);
      if (problems.length === 0) {
        console.log(`ok   ${file} at ${kWidths.join(' and ')} px`);
      } else {
        failed = true;
        for (const p of problems) console.error(`FAIL ${file}: ${p}`);
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`screenshots in ${args.out}`);
  process.exit(failed ? 1 : 0);
}

main().catch(e => {
  console.error(`check_reports: ${e.stack || e}`);
  process.exit(3);
});
