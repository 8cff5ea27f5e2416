/**
 * @module Typed errors across a thread boundary. Structured cloning keeps an Error's message but not
 * its class (a UsageError thrown in a worker thread arrives as a plain Error, i.e. an HTTP 500), so a
 * worker sends `toTransferable(err)` and the caller rethrows `fromTransferable(t)`: the same class,
 * message and exit code.
 */
import { AppError, NotFoundError, RuleError, SourceError, StoreError, UsageError } from './errors.js';

export interface TransferableError {
  readonly name: string;
  readonly message: string;
  readonly exitCode?: number;
}

/** A typed error as plain data; anything else stays an untyped (internal) error. */
export function toTransferable(err: unknown): TransferableError {
  if (err instanceof AppError) return { name: err.name, message: err.message, exitCode: err.exitCode };
  return { name: 'Error', message: err instanceof Error ? err.message : String(err) };
}

/** The error `toTransferable` described, with its class restored (DecodeError as a UsageError-like AppError with its message). */
export function fromTransferable(t: TransferableError): Error {
  switch (t.name) {
    case 'UsageError':
    case 'DecodeError':
      // A DecodeError's position is already in its message; 400 either way.
      return new UsageError(t.message);
    case 'NotFoundError':
      return new NotFoundError(t.message);
    case 'RuleError':
      return new RuleError(t.message);
    case 'SourceError':
      return new SourceError(t.message, { inputError: t.exitCode === 2 });
    case 'StoreError':
      return new StoreError(t.message);
    default:
      return t.exitCode === undefined ? new Error(t.message) : new AppError(t.message);
  }
}

