// Records which wasm functions the page runs from navigation through a course's first steps,
// for tools/split: the page's first load keeps exactly these, the rest loads on first use.
// Serves DIR (an index.html with an instrumented pkg/, see scripts/split-profile.sh), types
// the steps below as a student would, and writes the names of the functions that ran to OUT,
// one per line, in the order of NAMES (the instrumented module's function list).
//
// Run: node tests/e2e/split-profile.mjs DIR NAMES OUT

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { serve } from './serve.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const playwright = path.join(root, '.tools/node_modules/playwright-core/index.mjs');
const { chromium } = await import(pathToFileURL(playwright).href);
const [dir, namesFile, out] = process.argv.slice(2);
if (!out) {
  console.error('usage: node tests/e2e/split-profile.mjs DIR NAMES OUT');
  process.exit(2);
}

const PROMPT = 'PS C:\\Users\\student> ';
// The first steps: chapters 1–2 of the course (version, pull, images, run,
// an interactive shell, ps, rm, rmi) and the page's own keys.
const STEPS = [
  'docker --version',
  'docker version',
  'docker pull ubuntu',
  'docker images',
  'docker run hello-world',
  'docker ps -a',
  ['docker run -it ubuntu bash', 'root@'],
  ['ls', 'root@'],
  ['cd /etc', 'root@'],
  ['echo hello', 'root@'],
  ['cat hostname', 'root@'],
  'exit',
  'docker ps',
  'docker rm $(docker ps -aq)',
  'docker rmi hello-world',
];

const promptIs = (page, prefix) => page.waitForFunction(
  (p) => (document.querySelector('#berth .berth-prompt')?.textContent ?? '').startsWith(p),
  prefix,
  { timeout: 60_000 },
);

const { server, port } = await serve(dir);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
  page.on('pageerror', (err) => { console.error(`page error: ${err.message}`); process.exitCode = 1; });
  await page.goto(`http://127.0.0.1:${port}/index.html`);
  await promptIs(page, PROMPT);
  await page.waitForFunction(() => document.activeElement?.classList.contains('berth-input'));
  for (const step of STEPS) {
    const [line, next] = Array.isArray(step) ? step : [step, PROMPT];
    await page.keyboard.type(line);
    await page.keyboard.press('Tab');
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await promptIs(page, next);
  }
  // Leaving the page with a save put off (the page writes the state at once).
  await page.keyboard.type('docker images');
  await page.keyboard.press('Enter');
  await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Control+KeyC');
  await page.keyboard.press('Control+KeyL');
  const seen = new Set(await page.evaluate(() => [...globalThis.berthSeen]));
  const names = readFileSync(namesFile, 'utf8').split('\n');
  // A function without a name (`#index`) always stays in the first load, and its index
  // changes with every build: the profile leaves it out.
  const kept = names.filter((name, i) => seen.has(i) && !name.startsWith('#'));
  writeFileSync(out, `${kept.join('\n')}\n`);
  console.log(`split-profile: ${kept.length} of ${names.length} functions ran`);
} finally {
  await browser.close();
  server.kill();
}
