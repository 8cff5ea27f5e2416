/**
 * Child process for the hostile-HTTP run: the real server (`startServer`, the embedded default and
 * the shared datasets, no store; the dashboard build given as argument, else web/dist) on 127.0.0.1, any free port. Prints `url <url>`; answers the IPC
 * message `mem` with its memory after a full garbage collection (run with --expose-gc).
 */
import { datasetsRoot } from '../../src/sources/files/datasets-path.js';
import { startServer } from '../../src/interfaces/http/server.js';

const webDistDir = process.argv[2];
const server = await startServer({ host: '127.0.0.1', port: 0, store: null, datasetsRoot: datasetsRoot(), ...(webDistDir ? { webDistDir } : {}) });
process.stdout.write(`url ${server.url}\n`);
process.on('message', (m) => {
  if (m !== 'mem') return;
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const u = process.memoryUsage();
  process.send?.({ heapUsed: u.heapUsed, rss: u.rss, external: u.external, gc: gc !== undefined });
});
process.on('disconnect', () => void server.close().then(() => process.exit(0)));
