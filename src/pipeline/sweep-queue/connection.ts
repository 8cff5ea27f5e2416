/**
 * @module Redis for the sweep queue: parse `--queue redis://[user:password@]HOST:PORT[/DB]`, check
 * that the server answers (one line naming the address when it does not), and open the ioredis
 * connections BullMQ needs (`maxRetriesPerRequest: null`; they reconnect on their own afterwards).
 */
import { Redis } from 'ioredis';
import { SourceError, UsageError } from '../../domain/errors.js';

export interface QueueAddress {
  readonly url: string;
  /** The URL without its password, for messages. */
  readonly display: string;
}

export function parseQueueUrl(text: string): QueueAddress {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new UsageError(`invalid --queue: ${text} (expected redis://HOST:PORT)`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') throw new UsageError(`invalid --queue: ${text} (expected redis://HOST:PORT or rediss://…, not ${u.protocol})`);
  if (!u.hostname) throw new UsageError(`invalid --queue: ${text} (no host)`);
  if (u.pathname !== '' && u.pathname !== '/' && !/^\/\d{1,2}$/.test(u.pathname)) throw new UsageError(`invalid --queue: ${text} (the path is a database number, e.g. /0)`);
  const shown = new URL(u.href);
  if (shown.password) shown.password = '***';
  return { url: u.href, display: shown.href.replace(/\/$/, '') };
}

/** A connection for BullMQ (queue, worker) or for our own keys. */
export function openRedis(address: QueueAddress): Redis {
  return new Redis(address.url, { maxRetriesPerRequest: null });
}

/** Fail fast, with the address, when Redis does not answer (instead of retrying for ever). */
export async function checkReachable(address: QueueAddress, timeoutMs = 5000): Promise<void> {
  const probe = new Redis(address.url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    await probe.ping();
  } catch (err) {
    throw new SourceError(`cannot reach Redis at ${address.display}: ${(err as Error).message}`, { cause: err });
  } finally {
    probe.disconnect();
  }
}
