/**
 * @module Typed errors shared by every stage. Interfaces map them to exit codes / HTTP
 * statuses in one place (interfaces/cli/exit-codes.ts, interfaces/http/error-handler.ts).
 * Message style: `invalid <what>: <value>` or `<input>:<position>: <what is wrong>`.
 */

/** Base class: an expected, user-facing failure (bad input, missing data, unreachable source). */
export class AppError extends Error {
  /** Exit code for the CLI: 2 = bad usage or input, 1 = internal or environment failure. */
  readonly exitCode: number = 2;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Where in an input a problem sits: file (or URL), 1-based line, field/column, byte offset. */
export interface InputPosition {
  readonly input: string;
  readonly line?: number;
  readonly field?: string;
  readonly offset?: number;
}

export function formatPosition(p: InputPosition): string {
  let s = p.input;
  if (p.line !== undefined) s += `:${p.line}`;
  if (p.offset !== undefined) s += ` (byte ${p.offset})`;
  if (p.field !== undefined) s += ` [${p.field}]`;
  return s;
}

/** Untrusted input (a CSV row, a JSON payload, bytes) is malformed. */
export class DecodeError extends AppError {
  readonly position: InputPosition;
  readonly reason: string;
  constructor(position: InputPosition, reason: string, options?: { cause?: unknown }) {
    super(`${formatPosition(position)}: ${reason}`, options);
    this.position = position;
    this.reason = reason;
  }
}

/** A command-line option, query parameter or config value is invalid. */
export class UsageError extends AppError {}

/** Something asked for does not exist (unknown distribution, no data for a window). */
export class NotFoundError extends AppError {}

/** Attribution rules are inconsistent (e.g. ownership-link cycles). */
export class RuleError extends AppError {}

/** A data source (file system, node, API) could not be read. */
export class SourceError extends AppError {
  override readonly exitCode: number;
  /** `inputError` marks a problem with what the user named (missing file: exit 2) rather than the environment (exit 1). */
  constructor(message: string, options?: { cause?: unknown; inputError?: boolean }) {
    super(message, options);
    this.exitCode = options?.inputError ? 2 : 1;
  }
}

/** The store failed or is in an unexpected state. */
export class StoreError extends AppError {
  override readonly exitCode: number = 1;
}

/** The store is locked by another process (a writer) and stayed locked for the whole wait: try again later. */
export class StoreBusyError extends StoreError {}
