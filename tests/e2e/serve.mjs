// Serves a folder over HTTP for the browser tests: python's http.server on a free port.

import { spawn } from 'node:child_process';

/** Starts python's http.server on a free port for `dir`; resolves to { server, port }. */
export function serve(dir) {
  return new Promise((resolve, reject) => {
    const server = spawn('python3', ['-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir], {
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
