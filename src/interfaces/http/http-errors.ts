/**
 * @module Errors that exist only because of HTTP serving limits: the server is busy (503), a client asks for too much uncached work (429), or a
 * request ran past its time limit (504). They are AppErrors, so the one error handler maps them.
 */
import { AppError } from '../../domain/errors.js';

export class LimitError extends AppError {
  constructor(
    message: string,
    readonly status: 429 | 503 | 504,
    readonly retryAfterSec?: number,
  ) {
    super(message);
  }
}
