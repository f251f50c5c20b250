// End-to-end test of the page: serves the repository root (after scripts/build-web.sh), opens
// index.html in headless Chromium, types docker commands as a student would, checks the
// screen, fails on any console error, saves screenshots/page.png and prints how long the page
// took from navigation to a usable prompt.
//
// Run: node tests/e2e/page.mjs   (needs pkg/ built and .tools/ from scripts/setup.sh)

import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const playwright = path.join(root, '.tools/node_modules/playwright-core/index.mjs');
const { chromium } = await import(pathToFileURL(playwright).href);

const PROMPT = 'PS C:\\Users\\student> ';
let passed = 0;
let failed = 0;

function check(name, ok, detail = '') {
  if (ok) {
    passed += 1;
    console.log(`ok - ${name}`);
  } else {
    failed += 1;
    console.log(`FAILED - ${name}${detail ? `\n${detail}` : ''}`);
  }
}

/** Starts python's http.server on a free port; resolves to { server, port }. */
function serve() {
  return new Promise((resolve, reject) => {
    const server = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', root], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`http.server did not start: ${seen}`)), 10_000);
    server.stdout.on('data', (data) => {
      seen += data;
      const m = /port (\d+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve({ server, port: Number(m[1]) });
      }
    });
    server.stderr.on('data', () => {});
    server.on('exit', (code) => reject(new Error(`http.server exited with ${code}: ${seen}`)));
  });
}

/** The terminal's text: each scrollback row on its own line, then the prompt line. */
async function screenText(page) {
  return page.evaluate(() => {
    const rows = [...document.querySelectorAll('#berth .berth-row')].map((r) => r.textContent);
    const prompt = document.querySelector('#berth .berth-prompt')?.textContent ?? '';
    const input = document.querySelector('#berth .berth-input')?.value ?? '';
    return [...rows, prompt + input].join('\n');
  });
}

async function waitForText(page, text) {
  try {
    await page.waitForFunction(
      (t) => [...document.querySelectorAll('#berth .berth-row')].some((r) => r.textContent.includes(t)),
      text,
      { timeout: 10_000 },
    );
    return true;
  } catch {
    return false;
  }
}

const { server, port } = await serve();
const launchStart = performance.now();
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--no-first-run', '--disable-sync'],
});
const launchMs = performance.now() - launchStart;
const problems = [];
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`request failed: ${req.url()}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()}: ${res.url()}`);
  });

  const navStart = performance.now();
  await page.goto(`http://127.0.0.1:${port}/index.html`);
  await page.waitForFunction(
    (p) => document.querySelector('#berth .berth-prompt')?.textContent === p,
    PROMPT,
    { timeout: 15_000 },
  );
  const wallMs = performance.now() - navStart;
  const readyMs = await page.evaluate(() => performance.getEntriesByName('berth-ready')[0]?.startTime ?? null);
  check('the page shows the prompt', true);
  check('the input has the focus on load',
    await page.evaluate(() => document.activeElement?.classList.contains('berth-input')));

  // Click in the empty part of the terminal, as a student would, then type.
  await page.evaluate(() => document.activeElement?.blur());
  await page.mouse.click(550, 500);
  check('a click anywhere in the terminal focuses the input',
    await page.evaluate(() => document.activeElement?.classList.contains('berth-input')));

  await page.keyboard.type('docker version');
  await page.keyboard.press('Enter');
  check('docker version shows the server', await waitForText(page, 'Server: Docker Desktop'), await screenText(page));
  let text = await screenText(page);
  check('docker version shows the client platform', text.includes('OS/Arch:           windows/amd64'), text);
  check('the command is echoed after the prompt', text.includes(`${PROMPT}docker version`), text);

  await page.keyboard.type('docker foo');
  await page.keyboard.press('Enter');
  check("docker foo is rejected in docker's words", await waitForText(page, "docker: 'foo' is not a docker command."));
  text = await screenText(page);
  check('… with the hint to docker --help', text.includes("See 'docker --help'"), text);
  check('a fresh prompt follows', text.endsWith(PROMPT), text);

  await page.keyboard.press('ArrowUp');
  check('Up recalls the last line', (await page.inputValue('#berth .berth-input')) === 'docker foo');
  await page.keyboard.press('Escape');

  const inView = await page.evaluate(() => {
    const r = document.querySelector('#berth .berth-input').getBoundingClientRect();
    return r.bottom <= window.innerHeight && r.top >= 0;
  });
  check('the prompt is in view after output', inView);

  // A command that goes on in real time: the pull animates, then the container runs.
  await page.keyboard.type('docker run hello-world');
  await page.keyboard.press('Enter');
  check('docker run pulls the missing image', await waitForText(page, "Unable to find image 'hello-world:latest' locally"));
  check('… shows the layer complete', await waitForText(page, 'Pull complete'));
  check('… and the container says hello', await waitForText(page, 'Hello from Docker!'));
  await page.waitForFunction((p) => document.querySelector('#berth .berth-prompt')?.textContent === p, PROMPT);
  check('the host prompt comes back after the container exits', true);

  // A shell inside a container: the prompt is the container's until `exit`.
  await page.keyboard.type('docker run -it alpine sh');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#berth .berth-prompt')?.textContent === '/ # ', null, { timeout: 10_000 });
  check("docker run -it gives the container's prompt", true);
  await page.keyboard.type('cat /etc/alpine-release');
  await page.keyboard.press('Enter');
  check('commands run inside the container', await waitForText(page, '3.21.0'));
  await page.keyboard.type('exit');
  await page.keyboard.press('Enter');
  await page.waitForFunction((p) => document.querySelector('#berth .berth-prompt')?.textContent === p, PROMPT);
  check('exit returns to the host prompt', true);

  mkdirSync(path.join(root, 'screenshots'), { recursive: true });
  await page.screenshot({ path: path.join(root, 'screenshots/page.png') });

  // A long session: the scrollback keeps the last 10,000 lines and the prompt still answers.
  const fill = await page.evaluate(() => {
    const t0 = performance.now();
    for (let i = 0; i < 400; i += 1) window.berth.run_line('docker version');
    return performance.now() - t0;
  });
  await page.waitForFunction(() => document.querySelectorAll('#berth .berth-row').length >= 9_900);
  const rows = await page.evaluate(() => document.querySelectorAll('#berth .berth-row').length);
  check('the scrollback keeps at most 10,000 lines', rows <= 10_000 && rows >= 9_900, `${rows} rows`);
  const enterStart = performance.now();
  await page.keyboard.type('docker --version');
  await page.keyboard.press('Enter');
  check('the prompt answers with a full scrollback', await waitForText(page, 'Docker version 27.5.1, build 9f9e405'));
  const enterMs = performance.now() - enterStart;
  const lastRow = await page.evaluate(() => [...document.querySelectorAll('#berth .berth-row')].at(-1).textContent);
  check('… and the newest line is at the bottom', lastRow === 'Docker version 27.5.1, build 9f9e405', lastRow);
  console.log(`400 × docker version through the handle: ${fill.toFixed(0)} ms; then typing and running a line: ${enterMs.toFixed(0)} ms`);

  check('no console errors, failed requests or page errors', problems.length === 0, problems.join('\n'));
  console.log(`browser launch: ${launchMs.toFixed(0)} ms`);
  console.log(`navigation → prompt: ${readyMs === null ? 'n/a' : `${readyMs.toFixed(0)} ms`} (performance mark), ${wallMs.toFixed(0)} ms as seen by the test`);
  console.log('screenshot: screenshots/page.png');
} catch (err) {
  check('the test ran to the end', false, String(err?.stack ?? err));
} finally {
  await browser.close();
  server.kill();
}
console.log(`e2e: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
