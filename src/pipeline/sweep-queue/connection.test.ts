import { describe, expect, it } from 'vitest';
import { checkReachable, parseQueueUrl } from './connection.js';

describe('parseQueueUrl', () => {
  it('accepts redis:// and rediss:// with credentials and a database number; never shows the password', () => {
    expect(parseQueueUrl('redis://127.0.0.1:6379')).toEqual({ url: 'redis://127.0.0.1:6379', display: 'redis://127.0.0.1:6379' });
    const a = parseQueueUrl('rediss://user:s3cret@queue.example:6380/2');
    expect(a.url).toBe('rediss://user:s3cret@queue.example:6380/2');
    expect(a.display).toBe('rediss://user:***@queue.example:6380/2');
    expect(a.display).not.toContain('s3cret');
  });

  it('names the option and the reason for anything else', () => {
    expect(() => parseQueueUrl('127.0.0.1:6379')).toThrow(/^invalid --queue: 127\.0\.0\.1:6379 \(expected redis:\/\/HOST:PORT\)$/);
    expect(() => parseQueueUrl('localhost:6379')).toThrow(/^invalid --queue: localhost:6379 \(expected redis:\/\/HOST:PORT or rediss:\/\/…, not localhost:\)$/);
    expect(() => parseQueueUrl('nonsense')).toThrow(/^invalid --queue: nonsense \(expected redis:\/\/HOST:PORT\)$/);
    expect(() => parseQueueUrl('redis://h:1/queue')).toThrow(/the path is a database number/);
  });

  it('an unreachable server is one error naming the address (no endless retries)', async () => {
    const t0 = Date.now();
    await expect(checkReachable(parseQueueUrl('redis://:pw@127.0.0.1:1'), 2000)).rejects.toThrow(/^cannot reach Redis at redis:\/\/:\*\*\*@127\.0\.0\.1:1: /);
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});
