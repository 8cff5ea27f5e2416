/**
 * @module Limits on work that is not in the answer cache, per client (IP address): at most
 * `concurrent` such requests run at once per client (more wait in a queue of `queued`, beyond that
 * 429), and a token bucket bounds their rate (`burst` at once, then `perSecond`; an empty bucket
 * answers 429 with Retry-After). Answers from the cache and 304s are never limited, so a dashboard
 * or a load of repeated requests is unaffected; a client asking for a new seed or window every
 * time gets its fair share and no more.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LimitError } from './http-errors.js';

export interface ClientLimits {
  readonly concurrent: number;
  readonly queued: number;
  readonly burst: number;
  readonly perSecond: number;
}

export const DEFAULT_CLIENT_LIMITS: ClientLimits = { concurrent: 2, queued: 64, burst: 120, perSecond: 5 };

interface Client {
  running: number;
  readonly waiting: (() => void)[];
  tokens: number;
  at: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    nakamotoSlot?: { released: boolean };
  }
}

export class ClientLimiter {
  readonly limits: ClientLimits;
  readonly #clients = new Map<string, Client>();

  constructor(limits: Partial<ClientLimits> = {}, private readonly now: () => number = () => performance.now()) {
    this.limits = { ...DEFAULT_CLIENT_LIMITS, ...limits };
  }

  #client(key: string): Client {
    let c = this.#clients.get(key);
    const t = this.now();
    if (!c) {
      if (this.#clients.size >= 1024) this.#prune(t);
      c = { running: 0, waiting: [], tokens: this.limits.burst, at: t };
      this.#clients.set(key, c);
    }
    c.tokens = Math.min(this.limits.burst, c.tokens + ((t - c.at) / 1000) * this.limits.perSecond);
    c.at = t;
    return c;
  }

  /** Take a token and a slot for this request (waiting for the slot if needed), or throw a 429 LimitError. */
  async acquire(req: FastifyRequest, _reply?: FastifyReply): Promise<void> {
    const key = req.ip;
    const c = this.#client(key);
    if (c.tokens < 1) {
      const wait = Math.max(1, Math.ceil((1 - c.tokens) / this.limits.perSecond));
      throw new LimitError(`too many uncached requests from ${key}: at most ${this.limits.burst} at once, then ${this.limits.perSecond} per second (answers already computed are not limited); retry in ${wait} s`, 429, wait);
    }
    if (c.running >= this.limits.concurrent) {
      if (c.waiting.length >= this.limits.queued) {
        throw new LimitError(`too many uncached requests in progress from ${key} (${c.running} running, ${c.waiting.length} waiting); retry shortly`, 429, 1);
      }
      c.tokens -= 1;
      await new Promise<void>((resolve) => c.waiting.push(resolve));
    } else {
      c.tokens -= 1;
    }
    c.running++;
    req.nakamotoSlot = { released: false };
  }

  /** Give back the request's slot (idempotent; no-op for requests that took none). */
  release(req: FastifyRequest): void {
    const slot = req.nakamotoSlot;
    if (!slot || slot.released) return;
    slot.released = true;
    const key = req.ip;
    const c = this.#clients.get(key);
    if (!c) return;
    c.running--;
    const next = c.waiting.shift();
    if (next) next();
  }

  /** Forget clients that are idle with a full bucket (they would start again exactly as they are). */
  #prune(t: number): void {
    for (const [key, c] of this.#clients) {
      if (c.running === 0 && c.waiting.length === 0 && c.tokens + ((t - c.at) / 1000) * this.limits.perSecond >= this.limits.burst) this.#clients.delete(key);
    }
  }

  get clients(): number {
    return this.#clients.size;
  }
}
