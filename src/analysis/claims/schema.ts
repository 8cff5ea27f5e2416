/**
 * @module The claims file (YAML): checkable statements, each tied to a distribution, a metric, a
 * window and a comparison. Three kinds:
 * - `threshold`: metric op value, evaluated in every window of the history;
 * - `compare`: metric of one distribution op metric of another, per common calendar window;
 * - `change`: metric in the window ending `after` op the same metric in the window ending `before`.
 * `metric` is any metric id, or `share:<entity>` for one entity's share (0–1).
 */
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { DecodeError } from '../../domain/errors.js';

export const OPS = ['>', '>=', '<', '<='] as const;
export type Op = (typeof OPS)[number];

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const measure = {
  distribution: z.string().min(1),
  metric: z.string().min(1),
  level: z.string().optional(),
  source: z.string().optional(),
};
const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected a kebab-case id');
/** A dated, sourced event a claim is measured around (e.g. a regulatory decision). */
export const eventSchema = z
  .object({
    date,
    what: z.string().min(1),
    source: z.string().min(1).describe('where the date is documented (publication, title, URL)'),
  })
  .strict();
const base = {
  id,
  text: z.string().min(1),
  origin: z.string().min(1).describe('where the claim is made in public debate'),
  window: z.string().min(2),
  op: z.enum(OPS),
  event: eventSchema.optional(),
};

export const measureSchema = z.object(measure).strict();
export type Measure = z.infer<typeof measureSchema>;

export const claimSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('threshold'), ...base, ...measure, value: z.number().finite() }).strict(),
  z.object({ kind: z.literal('compare'), ...base, left: measureSchema, right: measureSchema, from: date.optional() }).strict(),
  z.object({ kind: z.literal('change'), ...base, ...measure, before: date, after: date }).strict(),
]);
export type Claim = z.infer<typeof claimSchema>;

/** A claim from the debate that these data cannot test, with the reason and what data would. */
export const untestableSchema = z.object({ id, text: z.string().min(1), origin: z.string().min(1), reason: z.string().min(1), needs: z.string().min(1) }).strict();
export type UntestableClaim = z.infer<typeof untestableSchema>;

export const claimsFileSchema = z.object({ version: z.literal(1), claims: z.array(claimSchema).min(1), untestable: z.array(untestableSchema).optional() }).strict();
export type ClaimsFile = z.infer<typeof claimsFileSchema>;

export function parseClaimsFile(text: string, input: string): ClaimsFile {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    const e = err as { linePos?: { line: number }[]; message: string };
    throw new DecodeError({ input, line: e.linePos?.[0]?.line }, `invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const parsed = claimsFileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DecodeError({ input, field: issue.path.join('.') }, issue.message);
  }
  const ids = new Set<string>();
  parsed.data.claims.forEach((c, i) => {
    if (ids.has(c.id)) throw new DecodeError({ input, field: `claims.${i}.id` }, `duplicate claim id ${c.id}`);
    ids.add(c.id);
  });
  (parsed.data.untestable ?? []).forEach((c, i) => {
    if (ids.has(c.id)) throw new DecodeError({ input, field: `untestable.${i}.id` }, `duplicate claim id ${c.id}`);
    ids.add(c.id);
  });
  return parsed.data;
}
