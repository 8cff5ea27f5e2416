/**
 * @module Queries name their parameters as the HTTP API does (`hashrateEhs`, `confidence`); on the
 * command line the same value came from a flag (`--hashrate-ehs`, `--confidence`). These helpers
 * rewrite a query's `invalid <param>: …` UsageError to name the flag instead.
 */
import { UsageError } from '../../domain/errors.js';

const OVERRIDES: Readonly<Record<string, string>> = { threshold: '--thresholds' };

/** `hashrateEhs` → `--hashrate-ehs`, `efficiencyJTh` → `--efficiency-j-th`. */
export function toFlag(param: string): string {
  return OVERRIDES[param] ?? `--${param.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * The error with the leading `invalid <param>:` (never the echoed value) — or, in messages without
 * one, camelCase parameter names — replaced by flags, for the parameters listed.
 */
export function withFlagNames(err: unknown, params: readonly string[]): unknown {
  if (!(err instanceof UsageError)) return err;
  const known = new Set(params);
  const lead = /^invalid (\w+): /.exec(err.message);
  const message =
    lead && known.has(lead[1]!)
      ? `invalid ${toFlag(lead[1]!)}: ${err.message.slice(lead[0].length)}`
      : err.message.replace(/\b[a-z]+[A-Z]\w*\b/g, (w) => (known.has(w) ? toFlag(w) : w));
  return message === err.message ? err : new UsageError(message, { cause: err });
}

/** Run a query (sync or async), naming `params` as flags in its UsageErrors. */
export function flagged<T>(params: readonly string[], run: () => T): T {
  try {
    const out = run();
    if (out instanceof Promise) return out.catch((err: unknown) => Promise.reject(withFlagNames(err, params))) as T;
    return out;
  } catch (err) {
    throw withFlagNames(err, params);
  }
}
