/**
 * @module Progress bars for long work: a cli-progress bar with rate and ETA on an interactive
 * terminal, nothing otherwise (CI, pipes, logs).
 */
import cliProgress from 'cli-progress';
import type { CliIo } from './io.js';

export interface Progress {
  update(done: number, total: number, label?: string): void;
  stop(): void;
}

const silent: Progress = { update: () => undefined, stop: () => undefined };

export function createProgress(io: CliIo, unit: string): Progress {
  if (!io.isTTY) return silent;
  const bar = new cliProgress.SingleBar(
    {
      format: `{label} [{bar}] {percentage}% | {value}/{total} ${unit} | {speed} ${unit}/s | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: false,
      etaBuffer: 50,
      noTTYOutput: false,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  const t0 = performance.now();
  let started = false;
  return {
    update(done, total, label = '') {
      const speed = Math.round(done / Math.max(1e-3, (performance.now() - t0) / 1000));
      if (!started) {
        bar.start(total, done, { label, speed });
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done, { label, speed });
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
