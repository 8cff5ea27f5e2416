/**
 * @module `nakamoto worker --queue redis://HOST:PORT`: process distributed sweep jobs (submitted by
 * `simulate sweep --queue`) until SIGINT/SIGTERM, then finish the jobs in hand and stop. Any number
 * of workers on any machines that have the project and reach the Redis.
 */
import type { Command } from 'commander';
import { UsageError } from '../../../domain/errors.js';
import { parseNumberParam } from '../../../pipeline/queries/query-params.js';
import type { CliIo } from '../io.js';
import { untilSignal } from '../until-signal.js';

interface WorkerFlags {
  queue?: string;
  concurrency: string;
  lockMs: string;
}

export function register(program: Command, io: CliIo, wait: () => Promise<string> = untilSignal): void {
  program
    .command('worker')
    .description('Run distributed sweep jobs (from `simulate sweep --queue`) until SIGINT/SIGTERM. Start one or more on every machine that has the project and can reach the Redis.')
    .option('--queue <redis-url>', 'the Redis holding the queue: redis://[user:password@]HOST:PORT[/DB]')
    .option('--concurrency <k>', 'jobs at once (each on its own worker thread)', '1')
    .option('--lock-ms <ms>', "how long a job of a worker that died waits before another worker takes it (BullMQ lock; the stalled-job check runs as often)", '30000')
    .action(async (f: WorkerFlags) => {
      if (f.queue === undefined) throw new UsageError('worker: missing --queue redis://HOST:PORT');
      const concurrency = parseNumberParam('--concurrency', f.concurrency, { min: 1, max: 256, integer: true });
      const lockMs = parseNumberParam('--lock-ms', f.lockMs, { min: 1000, max: 3_600_000, integer: true });
      const { checkReachable, parseQueueUrl } = await import('../../../pipeline/sweep-queue/connection.js');
      const { startSweepWorker } = await import('../../../pipeline/sweep-queue/worker.js');
      const address = parseQueueUrl(f.queue);
      await checkReachable(address);
      const log = (line: string) => io.stderr(`nakamoto worker: ${line}\n`);
      const worker = await startSweepWorker(address, { concurrency, lockMs, log });
      const signal = await wait();
      log(`${signal}: finishing the jobs in hand, then stopping`);
      await worker.close();
      log('stopped');
    });
}
