// The page's time budgets (DESIGN.md), measured in headless Chromium and printed against them:
//
// - usable prompt ≤ 500 ms after navigation: from navigation start to the moment the prompt
//   takes a typed key (the test keeps pressing a key from the start of navigation; the page
//   records when the first one lands in the input), on a cold load (a fresh browser context,
//   nothing cached) and a warm one (the same context loading the page again);
// - a command's render ≤ 16 ms with 200 objects on screen: 200 containers, images, volumes
//   and networks are made through the JavaScript handle, then commands are typed (last with
//   the scrollback full: 10,000 lines, which must not slow a render); each is
//   timed from the Enter key's event to the end of the next frame after the page's DOM
//   changed (a requestAnimationFrame callback, then a message posted from it, which runs
//   once that frame's style, layout and paint are done).
//
// Each figure is the median of several runs. Prints one line per budget; exits 1 when one is
// over budget and `--strict` was given, else 0 (the budgets are watched, not tested).
//
// Run: node tests/e2e/bench.mjs [--strict]   (needs pkg/ built and .tools/ from scripts/setup.sh)

import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve } from './serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const playwright = path.join(root, '.tools/node_modules/playwright-core/index.mjs');
const { chromium } = await import(pathToFileURL(playwright).href);
const strict = process.argv.includes('--strict');

const PROMPT_BUDGET_MS = 500;
const RENDER_BUDGET_MS = 16;
const LOADS = 5;
const COMMAND_RUNS = 9;

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`;

// Runs in the page before its own scripts: records when a typed key first reaches the prompt's
// input (its value changed after a keydown while it had the focus).
const WATCH_KEYS = () => {
  window.benchKeyAt = null;
  window.addEventListener('keydown', () => {
    setTimeout(() => {
      const input = document.activeElement;
      if (window.benchKeyAt === null && input?.classList?.contains('berth-input') && input.value.includes('x')) {
        window.benchKeyAt = performance.now();
      }
    }, 0);
  });
};

/** Loads the page in `page`, pressing a key until the prompt takes it; returns the figures. */
async function loadUntilTyped(page, url) {
  let done = false;
  const loading = page.goto(url, { waitUntil: 'commit' });
  await loading;
  const deadline = Date.now() + 15_000;
  while (!done && Date.now() < deadline) {
    await page.keyboard.press('x');
    done = await page.evaluate(() => window.benchKeyAt !== null);
  }
  if (!done) throw new Error(`the prompt took no key within 15 s: ${url}`);
  return page.evaluate(() => ({
    key: window.benchKeyAt,
    ready: performance.getEntriesByName('berth-ready')[0]?.startTime ?? null,
  }));
}

/**
 * Times typing `line` and Enter. Returns, in ms from the Enter key's event: `dom`, when the
 * page's DOM first changed; `script`, when it last changed before the next frame (the
 * command's script is done); `frame`, when that frame was painted (a requestAnimationFrame
 * callback, then a message posted from it, which runs once the frame's style, layout and
 * paint are done); and `work`, the busy part of that: the script plus the frame's own
 * rendering, leaving out the wait for the display's next frame (up to 16.7 ms at 60 Hz, which
 * no page can shorten).
 */
async function timeCommand(page, line) {
  await page.fill('#berth .berth-input', '');
  await page.keyboard.type(line);
  await page.evaluate(() => {
    window.benchFrame = new Promise((resolve) => {
      const root = document.getElementById('berth');
      let start = null;
      let changedAt = null;
      let lastChange = null;
      let framed = false;
      const onKey = (e) => {
        if (e.key === 'Enter' && start === null) start = e.timeStamp;
      };
      window.addEventListener('keydown', onKey, true);
      const observer = new MutationObserver(() => {
        if (start === null || framed) return;
        lastChange = performance.now();
        if (changedAt !== null) return;
        changedAt = lastChange;
        window.removeEventListener('keydown', onKey, true);
        requestAnimationFrame(() => {
          framed = true;
          observer.disconnect();
          const frameStart = performance.now();
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            const end = performance.now();
            const script = lastChange - start;
            resolve({ dom: changedAt - start, script, frame: end - start, work: script + (end - frameStart) });
          };
          channel.port2.postMessage(null);
        });
      });
      observer.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
    });
  });
  await page.keyboard.press('Enter');
  return page.evaluate(() => window.benchFrame);
}

const { server, port } = await serve(root);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync'],
});
const lines = [];
let over = 0;
const report = (name, figure, budget, detail) => {
  const within = figure <= budget;
  if (!within) over += 1;
  lines.push(`${name.padEnd(46)} ${ms(figure).padStart(10)}  budget ${ms(budget).padStart(9)}  ${within ? 'ok' : 'OVER BUDGET'}${detail ? `  (${detail})` : ''}`);
};
let failed = false;
try {
  // Navigation → usable prompt, cold and warm.
  const url = `http://127.0.0.1:${port}/index.html?seed=7`;
  const cold = [];
  const warm = [];
  const readyCold = [];
  const readyWarm = [];
  for (let i = 0; i < LOADS; i += 1) {
    const context = await browser.newContext({ viewport: { width: 1100, height: 700 } });
    await context.addInitScript(WATCH_KEYS);
    const page = await context.newPage();
    const first = await loadUntilTyped(page, url);
    cold.push(first.key);
    readyCold.push(first.ready);
    const again = await loadUntilTyped(page, url);
    warm.push(again.key);
    readyWarm.push(again.ready);
    await context.close();
  }
  report('navigation → prompt takes a key, cold cache', median(cold), PROMPT_BUDGET_MS,
    `runs ${cold.map(Math.round).join(', ')}; berth-ready mark ${Math.round(median(readyCold))} ms`);
  report('navigation → prompt takes a key, warm cache', median(warm), PROMPT_BUDGET_MS,
    `runs ${warm.map(Math.round).join(', ')}; berth-ready mark ${Math.round(median(readyWarm))} ms`);

  // A command's render with 200 objects on screen.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`http://127.0.0.1:${port}/index.html?seed=8&host=linux`);
  await page.waitForFunction(() => document.activeElement?.classList.contains('berth-input'));
  await page.evaluate(() => localStorage.clear());
  const made = await page.evaluate(async () => {
    const run = (l) => window.berth.run_line(l);
    const tick = () => new Promise((r) => setTimeout(r, 150));
    // A pull goes on in real time: the next line waits for the host's prompt to come back.
    const host = window.berth.prompt();
    for (const image of ['alpine', 'nginx', 'hello-world', 'busybox', 'ubuntu', 'redis', 'httpd', 'python']) {
      run(`docker pull ${image}`);
      for (let i = 0; i < 200 && window.berth.prompt() !== host; i += 1) await tick();
    }
    for (let i = 0; i < 12; i += 1) run(`docker tag alpine bench/alpine:${i}`);
    // Docker's default address pools give 30 networks besides the bridge.
    for (let i = 0; i < 25; i += 1) run(`docker network create net${i}`);
    for (let i = 0; i < 60; i += 1) run(`docker volume create vol${i}`);
    for (let i = 0; i < 60; i += 1) run(`docker run -d --name c${i} -v vol${i}:/data --network net${i % 25} alpine sleep 100000`);
    for (let i = 0; i < 50; i += 1) run(`docker create --name x${i} nginx`);
    await tick();
    const count = (f) => new Set(run(`docker ${f} -q`).stdout.split('\n').filter(Boolean)).size;
    return { containers: count('ps -a'), images: count('images -a'), volumes: count('volume ls'), networks: count('network ls') };
  });
  const objects = made.containers + made.images + made.volumes + made.networks;
  const drawn = await page.evaluate(() => document.querySelectorAll('#berth .berth-visual [data-name]').length);
  const commands = [
    ['docker volume create more$', 'a new volume'],
    ['docker stop c$', 'a container stopped'],
    ['docker ps', 'a listing, no change'],
  ];
  for (const [template, what] of commands) {
    const runs = [];
    for (let i = 0; i < COMMAND_RUNS; i += 1) {
      const t = await timeCommand(page, template.replace('$', String(i)));
      runs.push(t);
      await page.waitForTimeout(150);
    }
    const work = median(runs.map((r) => r.work));
    const m = (k) => ms(median(runs.map((r) => r[k])));
    report(`render after "${template.replace('$', 'N')}"`, work, RENDER_BUDGET_MS,
      `${what}; DOM changed at ${m('dom')} to ${m('script')}, painted at ${m('frame')} after Enter; runs ${runs.map((r) => r.work.toFixed(0)).join(', ')}`);
  }
  // The same with a full scrollback (10,000 lines): a render must not grow with it.
  await page.fill('#berth .berth-input', '');
  await page.keyboard.type('docker run --rm alpine seq 1 12000');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#berth .berth-prompt')?.textContent.trim().endsWith('$'), null, { timeout: 30_000 });
  const scrollback = await page.evaluate(() => document.querySelectorAll('#berth .berth-row').length);
  {
    const runs = [];
    for (let i = 0; i < COMMAND_RUNS; i += 1) {
      runs.push(await timeCommand(page, 'docker ps'));
      await page.waitForTimeout(150);
    }
    const m = (k) => ms(median(runs.map((r) => r[k])));
    report('render after "docker ps", full scrollback', median(runs.map((r) => r.work)), RENDER_BUDGET_MS,
      `${scrollback} lines of scrollback; DOM changed at ${m('dom')}, painted at ${m('frame')} after Enter; runs ${runs.map((r) => r.work.toFixed(0)).join(', ')}`);
  }
  console.log(`objects made: ${made.containers} containers, ${made.images} images, ${made.volumes} volumes, ${made.networks} networks (${objects}); ${drawn} drawn by name in the visualizer`);
  await context.close();
} catch (err) {
  failed = true;
  console.log(`bench: FAILED: ${String(err?.stack ?? err)}`);
} finally {
  await browser.close();
  server.kill();
}
for (const l of lines) console.log(l);
if (over > 0) console.log(`bench: ${over} figure(s) OVER BUDGET`);
process.exit(failed || (strict && over > 0) ? 1 : 0);
