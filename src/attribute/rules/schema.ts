/**
 * @module zod schemas of the three rule-file formats, and the conversion of a zod failure into
 * a DecodeError naming the file and the JSON path (`$[3].tags[1]`, `$["/BTC.COM/"].name`).
 */
import { z } from 'zod';
import { DecodeError } from '../../domain/errors.js';

/** mempool `pools-v2.json` and bitcoin-data `pool-list.json`: same shape. */
export const poolListSchema = z.array(
  z.object({
    id: z.number().int().nonnegative(),
    name: z.string().min(1),
    addresses: z.array(z.string().min(1)),
    tags: z.array(z.string().min(1)),
    link: z.string().optional(),
  }),
);
export type PoolListFile = z.infer<typeof poolListSchema>;

/** EDI `identifiers/<ledger>.json`: tag → entity. */
export const ediIdentifiersSchema = z.record(z.string().min(1), z.object({ name: z.string().min(1), link: z.string().optional() }));

/** EDI `addresses/<ledger>.json`: address → entity. */
export const ediAddressesSchema = z.record(z.string().min(1), z.object({ name: z.string().min(1), source: z.string().optional() }));

/** EDI `legal_links.json`: parent → dated links to the pools it owns. */
export const legalLinksSchema = z.record(
  z.string().min(1),
  z.array(z.object({ name: z.string().min(1), from: z.string(), to: z.string(), source: z.string().optional() })),
);

/** `$[0].tags[1]`, `$.name`, `$["/BTC.COM/"]`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let s = '$';
  for (const k of path) {
    if (typeof k === 'number') s += `[${k}]`;
    else if (typeof k === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) s += `.${k}`;
    else s += `[${JSON.stringify(String(k))}]`;
  }
  return s;
}

/** UTF-8 bytes → JSON text and value; invalid UTF-8 or JSON syntax is a DecodeError naming the file. */
export function parseJsonBytes(bytes: Uint8Array, file: string): { text: string; data: unknown } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch (err) {
    throw new DecodeError({ input: file }, 'not valid UTF-8 text', { cause: err });
  }
  return { text, data: parseJsonText(text, file) };
}

/** Parse JSON text; syntax errors become a DecodeError naming the file. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new DecodeError({ input: file }, `invalid JSON: ${(err as Error).message}`, { cause: err });
  }
}

/** Validate `data` against `schema`; the first issue becomes a DecodeError `file [$.path]: message`. */
export function validate<T>(schema: z.ZodType<T>, data: unknown, file: string, what: string): T {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const more = r.error.issues.length > 1 ? ` (and ${r.error.issues.length - 1} more problem(s))` : '';
  throw new DecodeError({ input: file, field: jsonPath(issue.path) }, `invalid ${what}: ${issue.message}${more}`);
}
