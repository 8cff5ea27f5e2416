/**
 * @module Argument checks shared by the attack models: each returns the value or throws a
 * UsageError in the project's style `invalid <what>: <value> (<expected>)`.
 */
import { UsageError } from '../../domain/errors.js';

function show(x: unknown): string {
  return typeof x === 'number' ? String(x) : JSON.stringify(x) ?? String(x);
}

/** A finite number in [min, max] (inclusive). */
export function requireInRange(x: unknown, what: string, min: number, max: number): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x < min || x > max) {
    throw new UsageError(`invalid ${what}: ${show(x)} (expected a number in [${min}, ${max}])`);
  }
  return x;
}

/** A probability or share in [0, 1]. */
export function requireProbability(x: unknown, what: string): number {
  return requireInRange(x, what, 0, 1);
}

/** A finite number > 0. */
export function requirePositive(x: unknown, what: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0) {
    throw new UsageError(`invalid ${what}: ${show(x)} (expected a finite number > 0)`);
  }
  return x;
}

/** A finite number ≥ 0. */
export function requireNonNegative(x: unknown, what: string): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
    throw new UsageError(`invalid ${what}: ${show(x)} (expected a finite number ≥ 0)`);
  }
  return x;
}

/** A safe integer in [min, max]. */
export function requireInteger(x: unknown, what: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof x !== 'number' || !Number.isSafeInteger(x) || x < min || x > max) {
    throw new UsageError(`invalid ${what}: ${show(x)} (expected an integer in [${min}, ${max}])`);
  }
  return x;
}
