/**
 * @module PostgreSQL connection URLs: recognise them (`postgres://` or `postgresql://`) and print
 * them without credentials, so a store's location can go into provenance lines and logs.
 */
import { UsageError } from '../../domain/errors.js';

const SCHEME = /^postgres(?:ql)?:\/\//i;
/** Query parameters that carry secrets (libpq / pg-connection-string names). */
const SECRET_PARAMS = ['password', 'sslpassword'];

export function isPostgresUrl(s: string): boolean {
  return SCHEME.test(s);
}

/** The URL without its password (user, host, port, database and other parameters are kept). */
export function redactPostgresUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    // Not parseable: never echo it back (it may hold a password); keep only the scheme.
    throw new UsageError(`invalid PostgreSQL URL (${url.split(':')[0] ?? 'postgres'}://…): expected postgres://user@host:port/database`);
  }
  u.password = '';
  for (const p of SECRET_PARAMS) u.searchParams.delete(p);
  return u.toString();
}
