/**
 * @module Test helper: the DecodeError a function throws (any other error is rethrown; returning
 * normally fails the test), so tests can assert its position and message fields.
 */
import { DecodeError } from '../../src/domain/errors.js';

export function decodeErrorOf(fn: () => unknown): DecodeError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DecodeError) return err;
    throw err;
  }
  throw new Error('expected a DecodeError');
}

/** The same for an async function: the DecodeError its promise rejects with. */
export async function decodeErrorOfAsync(fn: () => Promise<unknown>): Promise<DecodeError> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof DecodeError) return err;
    throw err;
  }
  throw new Error('expected a DecodeError');
}
