// The dashboard of `airm serve` in headless Chromium against a real server on
// loopback (issue 11 §4): a person logs in, sees the portfolio, opens a
// system, acknowledges an alert, approves a review as the reviewer who holds
// the board's seat, and is refused where the role or the board says no.
//
// The workspace comes from seed_dashboard.sh (accounts ada admin, carol
// contributor, rita reviewer with the legal seat, sam reviewer without a
// seat, vera viewer). Every request the page makes must go to the server
// (nothing from the internet), no script error or CSP violation may occur,
// and markup in a risk's title must stay text. Screenshots of each step, at
// desktop and phone width, go to --out.
//
// Usage: node dashboard_test.mjs --airm AIRM --workspace WS --password-file F --out DIR
//        [--chromium PATH]
import {spawn} from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import puppeteer from 'puppeteer-core';

const kWait = {timeout: 15000};

function parseArgs(argv) {
  const args = {chromium: process.env.CHROMIUM || '/usr/bin/chromium'};
  for (let i = 0; i < argv.length; i += 2) args[argv[i].replace(/^--/, '')] = argv[i + 1];
  for (const need of ['airm', 'workspace', 'password-file', 'out']) {
    if (!args[need]) {
      console.error('usage: node dashboard_test.mjs --airm AIRM --workspace WS ' +
                    '--password-file F --out DIR [--chromium PATH]');
      process.exit(2);
    }
  }
  return args;
}

// `airm serve` on a free loopback port; resolves with its URL once it says
// it listens (at most 30 s).
function startServer(airm, workspace, logFile) {
  const log = fs.createWriteStream(logFile);
  const child = spawn(airm, ['serve', '--store', workspace, '--listen', '127.0.0.1:0'],
                      {stdio: ['ignore', 'pipe', 'pipe']});
  child.stdout.pipe(log);
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error('airm serve did not say it listens in 30 s')),
                             30000);
    child.stderr.on('data', chunk => {
      log.write(chunk);
      seen += chunk.toString();
      const m = seen.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({child, url: m[1]});
      }
    });
    child.on('exit', code => reject(new Error(`airm serve exited with ${code}; log ${logFile}`)));
  });
}

const failures = [];
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const password = fs.readFileSync(args['password-file'], 'utf8').trim();
  fs.mkdirSync(args.out, {recursive: true});
  const {child, url} = await startServer(args.airm, args.workspace,
                                         path.join(args.out, 'serve.log'));
  const browser = await puppeteer.launch({
    executablePath: args.chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--font-render-hinting=none'],
  });
  try {
    const page = await browser.newPage();
    const problems = [];
    await page.setRequestInterception(true);
    page.on('request', r => {
      if (r.url().startsWith(url + '/') || r.url().startsWith('data:')) {
        r.continue();
      } else {
        problems.push(`requested ${r.url()} (only the server may be asked)`);
        r.abort();
      }
    });
    page.on('pageerror', e => problems.push(`script error: ${e.message}`));
    page.on('console', m => {
      if (/Content Security Policy|Refused to/.test(m.text())) problems.push(`CSP: ${m.text()}`);
    });
    await page.setViewport({width: 1280, height: 900});
    let shot = 0;
    const screenshot = async name => {
      await page.screenshot({path: path.join(args.out, `${String(++shot).padStart(2, '0')}-${name}.png`),
                             fullPage: true});
    };
    const text = sel => page.$eval(sel, el => el.innerText);
    const bodyText = () => page.evaluate(() => document.body.innerText);
    const go = async hash => {
      await page.evaluate(h => {
        location.hash = h;
      }, hash);
    };
    const logIn = async user => {
      await page.goto(url + '/', {waitUntil: 'load'});
      await page.waitForSelector('#username', kWait);
      await page.type('#username', user);
      await page.type('#password', password);
      await page.click('form button[type=submit]');
      await page.waitForSelector('header.top .who', kWait);
    };
    // Every control has a name a screen reader reads out: a <label>, an
    // aria-label, or a button's own text (a select's options do not name it).
    const unlabelled = () => page.evaluate(() => [...document.querySelectorAll(
        'input, select, textarea, button')].filter(e => !((e.labels && e.labels.length) ||
        e.getAttribute('aria-label') || (e.tagName === 'BUTTON' && e.innerText.trim())))
        .map(e => e.outerHTML.slice(0, 80)));
    const checkLabels = async where => {
      const list = await unlabelled();
      check(list.length === 0, `${where}: every control is labelled${list.length ? ': ' + list.join(' | ') : ''}`);
    };
    const logOut = async () => {
      await page.click('header.top button.link');
      await page.waitForSelector('#username', kWait);
    };
    // A write from the logged-in page itself, with its session's CSRF token.
    const writeFromPage = (method, p, body) => page.evaluate(async (method, p, body) => {
      const session = await (await fetch('/api/session')).json();
      const r = await fetch(p, {method, body: JSON.stringify(body), headers: {
        'Content-Type': 'application/json', 'X-CSRF-Token': session.csrf_token}});
      return {status: r.status, doc: await r.json()};
    }, method, p, body);

    // The page and its policy.
    const first = await page.goto(url + '/', {waitUntil: 'load'});
    const csp = first.headers()['content-security-policy'] || '';
    check(/script-src 'self'/.test(csp) && !/unsafe-inline/.test(csp),
          `GET / has a CSP with script-src 'self' and no 'unsafe-inline' (${csp})`);
    await page.waitForSelector('#username', kWait);
    await screenshot('login');

    // A viewer, logging in with the keyboard only: the portfolio, a system
    // page, and no way to act.
    await checkLabels('login');
    await page.focus('#username');
    await page.keyboard.type('vera');
    await page.keyboard.press('Tab');
    await page.keyboard.type(password);
    await page.keyboard.press('Enter');
    await page.waitForSelector('header.top .who', kWait);
    await page.waitForSelector('tr[data-system="credit-scoring"]', kWait);
    await page.waitForFunction(
        () => !document.querySelector('tr[data-system="credit-scoring"]').innerText.includes('Loading'),
        kWait);
    const credit = await text('tr[data-system="credit-scoring"]');
    check(/high/.test(credit) && /1 firing/.test(credit) && /drifted/.test(credit) &&
          /pending/.test(credit),
          `portfolio: credit-scoring shows tier high, 1 firing, drifted, pending (${credit.replace(/\s+/g, ' ')})`);
    const churn = await text('tr[data-system="churn-forecast"]');
    check(/unclassified/.test(churn) && /no monitor/.test(churn),
          `portfolio: churn-forecast is unclassified and has no monitor (${churn.replace(/\s+/g, ' ')})`);
    await screenshot('portfolio-viewer');
    await checkLabels('portfolio');
    await page.select('select[name="business_unit"]', 'marketing');
    await page.waitForFunction(() => !document.querySelector('tr[data-system="credit-scoring"]'), kWait);
    check(await page.$('tr[data-system="churn-forecast"]') !== null,
          'portfolio: the business-unit filter keeps churn-forecast and hides credit-scoring');
    await go('#/');
    await page.waitForSelector('tr[data-system="credit-scoring"] a', kWait);
    await page.click('tr[data-system="credit-scoring"] a');
    await page.waitForSelector('#system-title', kWait);
    await page.waitForSelector('.chart .plot canvas', kWait);
    const system = await bodyText();
    check((await text('#system-title')) === 'credit-scoring', 'the system page opens from the portfolio');
    check(/columns\.Age\.effect_size/.test(system) && /threshold > 1/.test(system),
          'system page: the alert rule\'s metric is charted with its threshold');
    check(/Alert periods: age-shift \(firing\)/.test(system), 'system page: the alert period is marked');
    check(/age-learned: < threshold learned from the reference \(latest -?\d/.test(system) &&
          await page.$('.plot[aria-label*="learned from the reference"]') !== null,
          'system page: the learned threshold is drawn on its metric\'s chart, labelled with its source');
    check(/9 of 13 tested columns drifted/.test(system), 'system page: the latest drift verdict');
    check(/R-001/.test(system) && /Older applicants scored worse/.test(system), 'system page: its risk');
    check(/model-risk/.test(system) && /Model card of credit-risk@1\.0/.test(system),
          'system page: approvals and the model card link');
    check(/Evaluation of credit-risk@1\.0/.test(system) && /roc_auc|auc/i.test(system),
          'system page: the evaluation metrics registered with the model');
    check(/system\.link/.test(system), 'system page: the audit trail');
    // The serving version's chaos verdict and lineage graph.
    await page.waitForSelector('section.serving svg.lineage-graph', kWait);
    const serving = await text('section.serving');
    check(/credit-risk@1\.0/.test(serving) && /Serving in production/.test(serving),
          'system page: the version serving the system and where');
    check(/Chaos verdicts of credit-risk@1\.0/.test(serving) && /failure modes? tested/.test(serving) &&
          (await page.$('section.serving tr[data-chaos]')) !== null,
          'system page: the serving version\'s chaos verdict');
    // Its serving side: the prediction log and the monitor watching it, with its firing alert.
    check(/1,068 predictions logged in 1 batch/.test(serving) && /0 with a label/.test(serving),
          `system page: the serving version's prediction log (${serving.slice(0, 400)})`);
    const watching = await page.$eval('section.serving tr[data-monitor="credit-weekly"]',
                                      r => r.textContent).catch(() => '');
    check(/firing/.test(watching) && /age-shift/.test(watching),
          `system page: the monitor watching the version and its alert (${watching})`);
    const graph = await page.evaluate(() => {
      const svg = document.querySelector('section.serving svg.lineage-graph');
      return {
        title: svg.querySelector('title').textContent,
        labelled: svg.getAttribute('role') === 'img' && !!svg.getAttribute('aria-labelledby'),
        labels: [...svg.querySelectorAll('g.node text.label')].map(t => t.textContent),
        firing: [...svg.querySelectorAll('g.node.monitor.alert-firing text.label')].map(t => t.textContent),
        edges: svg.querySelectorAll('path.edge').length,
        links: [...document.querySelectorAll('section.serving details tbody tr')].map(r => r.textContent),
      };
    });
    // Two monitors watch the version: credit-weekly and credit-learned (its
    // threshold learned from the reference).
    check(graph.labelled && /^Lineage of credit-risk@1\.0: 6 nodes, 5 links/.test(graph.title),
          `system page: the lineage graph is a labelled image (${graph.title})`);
    check(['credit-reference@1', 'credit-risk@1.0', 'production', '1,068 predictions', 'credit-weekly',
           'credit-learned'].every(l => graph.labels.includes(l)) && graph.edges === 5,
          `system page: the graph's boxes and links (${graph.labels.join(', ')})`);
    check(graph.firing.length === 1 && graph.firing[0] === 'credit-weekly',
          `system page: the monitor's box shows its firing alert (${graph.firing.join(', ')})`);
    check(graph.links.some(l => /credit-reference@1\s*train\s*model credit-risk@1\.0/.test(l)) &&
          graph.links.some(l => /deployment production\s*logged\s*predictions 1,068 predictions/.test(l)) &&
          graph.links.some(l => /model credit-risk@1\.0\s*watched by\s*monitor credit-weekly/.test(l)),
          `system page: the graph's links as a table (${graph.links.join(' | ')})`);
    await page.waitForFunction(() => document.body.innerText.includes('Framework coverage of'), kWait);
    const governance = await text('.governance');
    check(/Verdict: (On track|Needs attention|At risk)/.test(governance) &&
          /Continuous monitoring/.test(governance) && /NIST AI RMF/.test(governance) &&
          /Nothing overdue|Overdue items of/.test(governance),
          `system page: its plain-language verdict, practices, overdue items and framework coverage (${governance.slice(0, 120).replace(/\s+/g, ' ')})`);
    await screenshot('system-viewer');
    await checkLabels('system page');
    await go('#/governance');
    await page.waitForSelector('#governance-title', kWait);
    const report = await bodyText();
    check(/Portfolio: (On track|Needs attention|At risk) — 2 systems/.test(report) &&
          /credit-scoring/.test(report) && /churn-forecast/.test(report) &&
          /Framework coverage of the portfolio/.test(report) && /Overdue and escalated/.test(report),
          'governance: the portfolio report lists both systems, the frameworks and what is overdue');
    await screenshot('governance-viewer');
    await checkLabels('governance');
    await go('#/alerts');
    await page.waitForSelector('tr[data-episode]', kWait);
    check(await page.$('tr[data-episode] button') === null, 'alerts: a viewer gets no ack / silence buttons');
    await go('#/reviews');
    await page.waitForSelector('section.review', kWait);
    check(await page.$('form.decide') === null && /Decisions need the reviewer role/.test(await bodyText()),
          'reviews: a viewer gets no decision form and is told why');
    const refused = await writeFromPage('POST', '/api/reviews/credit-risk@1.0/decisions',
                                        {board: 'model-risk', decision: 'approve'});
    check(refused.status === 403 && refused.doc.type === 'urn:airm:problem:forbidden-role',
          `a viewer's approval sent from its page anyway is refused: 403 forbidden-role (${refused.status} ${refused.doc.type})`);
    const ackRefused = await writeFromPage('POST', '/api/alerts/x/ack', {});
    check(ackRefused.status === 403 && ackRefused.doc.type === 'urn:airm:problem:forbidden-role',
          `a viewer's acknowledgement is refused: 403 forbidden-role (${ackRefused.status})`);
    await go('#/risks');
    await page.waitForSelector('#risks-title', kWait);
    await page.waitForFunction(() => document.body.innerText.includes('onerror'), kWait);
    check(await page.evaluate(() => window.__xss === undefined && !document.querySelector('main img')),
          'risks: markup in a risk title is shown as text, not run');
    await screenshot('risks-viewer');
    await logOut();

    // A contributor acknowledges the firing alert.
    await logIn('carol');
    await go('#/alerts');
    await page.waitForSelector('tr[data-episode] button', kWait);
    await screenshot('alerts-contributor');
    await checkLabels('alerts with actions');
    const [ack] = await page.$$('tr[data-episode] button');
    check((await ack.evaluate(b => b.innerText)) === 'Acknowledge', 'alerts: a contributor sees Acknowledge');
    await ack.click();
    await page.waitForFunction(() => /acknowledged\./.test(document.querySelector('.status').innerText),
                               kWait);
    await page.waitForFunction(() => /carol/.test(document.querySelector('tr[data-episode]').innerText),
                               kWait);
    const acked = await page.evaluate(async () => (await (await fetch('/api/alerts')).json()).episodes[0]);
    check(acked.acked_by === 'carol', `the alert is acknowledged by carol in the store (${acked.acked_by})`);
    await screenshot('alerts-acknowledged');
    await logOut();

    // A reviewer without a seat on the board: the board's rule refuses.
    await logIn('sam');
    await go('#/reviews');
    await page.waitForSelector('form.decide button[type=submit]', kWait);
    await page.click('form.decide button[type=submit]');
    await page.waitForSelector('form.decide .error', kWait);
    const samError = await text('form.decide .error');
    check(/seat/.test(samError), `reviews: a reviewer without a seat is refused by the board (${samError})`);
    await screenshot('review-refused');
    await logOut();

    // The legal reviewer approves with a comment.
    await logIn('rita');
    await go('#/reviews');
    await page.waitForSelector('form.decide textarea[name="comment"]', kWait);
    await checkLabels('review queue with the decision form');
    await page.type('form.decide textarea[name="comment"]', 'Age drift plan checked');
    await page.click('form.decide button[type=submit]');
    await page.waitForFunction(() => /recorded/.test(document.querySelector('.status').innerText), kWait);
    await page.waitForFunction(() => /approved/.test(document.querySelector('section.review h2').innerText),
                               kWait);
    check(/Age drift plan checked/.test(await text('section.review')),
          'reviews: the approval and its comment are shown');
    await screenshot('review-approved');
    await go('#/');
    await page.waitForFunction(() => {
      const row = document.querySelector('tr[data-system="credit-scoring"]');
      return row && /approved/.test(row.innerText);
    }, kWait);
    check(true, 'portfolio: credit-scoring is now approved');

    // A phone: nothing scrolls sideways.
    await page.setViewport({width: 390, height: 844});
    for (const [hash, ready] of [['#/', 'tr[data-system]'], ['#/systems/credit-scoring', '.chart .plot canvas'],
                                 ['#/reviews', 'section.review'], ['#/alerts', '#alerts-title'],
                                 ['#/governance', '#governance-title']]) {
      await go(hash);
      await page.waitForSelector(ready, kWait);
      const wide = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
      check(wide <= 0, `phone width: ${hash} does not scroll sideways (${wide} px too wide)`);
      if (hash.startsWith('#/systems/')) {
        const svgWidth = await page.evaluate(
            () => document.querySelector('svg.lineage-graph').getBoundingClientRect().right);
        check(svgWidth <= 390, `phone width: the lineage graph fits (${svgWidth} px)`);
      }
      await screenshot('phone-' + (hash.replace(/[^a-z]/g, '') || 'portfolio'));
    }
    for (const p of problems) check(false, p);
  } finally {
    await browser.close();
    child.kill('SIGTERM');
  }
  console.log(`screenshots in ${args.out}`);
  console.log(`${failures.length === 0 ? 'PASS' : 'FAIL'}: ${failures.length} failed`);
  process.exit(failures.length === 0 ? 0 : 1);
}

main().catch(e => {
  console.error(`dashboard_test: ${e.stack || e}`);
  process.exit(3);
});
