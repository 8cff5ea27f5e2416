/**
 * @module Query-parameter schemas shared by the HTTP routes (zod), and the one function that turns
 * a raw query object into validated values or a UsageError with a precise message:
 * `invalid q: abc (expected a number in [0, 1])`, `unknown query parameter: foo (known: …)`,
 * `missing query parameter: q (…)`, `invalid window: given more than once`. Numbers stay text
 * after validation: the query layer parses them again (the same way for the CLI and HTTP).
 */
import { z } from 'zod';
import { UsageError } from '../../domain/errors.js';
import { decimalValue, describeNumber, numberFits, type NumberSpec } from '../../pipeline/queries/query-params.js';

export interface ParamDoc {
  readonly description: string;
  readonly example?: string | number | boolean;
  readonly default?: string | number | boolean;
}

const doc = (d: ParamDoc) => ({
  description: d.description,
  ...(d.example !== undefined ? { examples: [d.example] } : {}),
  ...(d.default !== undefined ? { default: d.default } : {}),
});

export function text(d: ParamDoc): z.ZodType<string> {
  return z.string().meta(doc(d));
}

export function num(d: ParamDoc, spec: NumberSpec = {}): z.ZodType<string> {
  const expected = describeNumber(spec);
  return z
    .string()
    .refine((s) => numberFits(decimalValue(s, spec.integer === true), spec), { message: `expected ${expected}` })
    .meta({
      ...doc(d),
      type: spec.integer ? 'integer' : 'number',
      ...(spec.min !== undefined ? (spec.minExclusive ? { exclusiveMinimum: spec.min } : { minimum: spec.min }) : {}),
      ...(spec.max !== undefined ? (spec.maxExclusive ? { exclusiveMaximum: spec.max } : { maximum: spec.max }) : {}),
    });
}

export function choice<T extends string>(values: readonly [T, ...T[]], d: ParamDoc): z.ZodType<T> {
  return z.enum(values, { error: () => `expected one of ${values.join(', ')}` }).meta(doc(d));
}

const FLAGS = ['true', 'false', '1', '0', 'yes', 'no', ''] as const;

/** A boolean flag: `true/1/yes` or a bare `?flag`, `false/0/no`. */
export function flag(d: ParamDoc): z.ZodType<boolean, string> {
  // The OpenAPI document is generated from the input side, so the documentation sits on the enum.
  return z
    .enum(FLAGS, { error: () => 'expected true or false' })
    .meta({ ...doc(d), type: 'boolean' })
    .transform((s) => s === 'true' || s === '1' || s === 'yes' || s === '')
    .meta({ ...doc(d), type: 'boolean' }) as unknown as z.ZodType<boolean, string>;
}

// Window parameters shared by several routes (same meaning as the CLI's --window … flags).
export const windowParams = {
  window: text({ description: 'window length: Nd days, Nw weeks, Nm calendar months, Nq quarters, Ny calendar years, Nb blocks', example: '30d', default: '30d' }),
  step: text({ description: 'distance between window starts (default: the window length; smaller = sliding windows)', example: '7d' }),
  anchor: text({ description: 'start of one window (sets the phase): a UTC date YYYY-MM-DD, or a height for block windows', example: '2024-01-01' }),
  from: text({ description: 'first day (UTC, inclusive) or height to cover', example: '2025-01-01' }),
  to: text({ description: 'end day (UTC, exclusive) or height to cover', example: '2026-01-01' }),
  partial: flag({ description: 'also return a last window that runs past the end of the data', default: false }),
  at: text({ description: 'one window only: the one ending with this UTC day (inclusive); not with from/to/anchor', example: '2025-12-31' }),
};

export const sourceParam = text({ description: 'data source for bitcoin/pools: perblock, perblock-v1, perblock-v2, perblock-node, btccom, edi, default (embedded); default: perblock if ingested, else the embedded default', example: 'default' });
export const levelParam = text({ description: 'entity level: pool, owner (alias entity) or template (Bitcoin); organisation or parent (AI organisations); see /api/distributions', example: 'pool' });
export const seedParam = num({ description: 'random seed (results are reproducible for a seed)', default: 1 }, { min: 0, integer: true });

function shown(v: unknown): string {
  return Array.isArray(v) ? v.join(',') : String(v);
}

/** How messages name the inputs: `query parameter` (HTTP), `argument` (MCP tools); `known` adds names checked elsewhere (path parameters). */
export interface ParseOptions {
  readonly noun?: string;
  readonly known?: readonly string[];
}

/** Validate a raw query object (fastify's parsed query string) against a strict object schema. */
export function parseQuery<S extends z.ZodObject>(schema: S, raw: unknown, o: ParseOptions = {}): z.output<S> {
  const noun = o.noun ?? 'query parameter';
  const input = (raw ?? {}) as Record<string, unknown>;
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const known = [...(o.known ?? []), ...Object.keys(schema.shape)];
  if (issue.code === 'unrecognized_keys') {
    throw new UsageError(`unknown ${noun}: ${issue.keys.join(', ')} (known: ${known.join(', ') || 'none'})`);
  }
  const name = String(issue.path[0] ?? '');
  const value = input[name];
  if (value === undefined) {
    const description = (schema.shape[name] as z.ZodType | undefined)?.meta()?.description;
    throw new UsageError(`missing ${noun}: ${name}${description ? ` (${description})` : ''}`);
  }
  if (Array.isArray(value)) throw new UsageError(`invalid ${name}: ${shown(value)} (given more than once)`);
  throw new UsageError(`invalid ${name}: ${shown(value)} (${issue.message})`);
}
