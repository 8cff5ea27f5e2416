/**
 * @module Display names for pool labels: mempool.space slugs (`foundryusa`) → names ("Foundry USA")
 * from `pools-v2.json`. Unknown slugs stay visible as themselves.
 */
import { z } from 'zod';
import { DecodeError } from '../../domain/errors.js';
import { readText } from '../files/read-file.js';

const poolsSchema = z.array(z.object({ id: z.number().int(), name: z.string().min(1) }).loose());

/** mempool's slug rule (one implementation: attribute/names.ts). */
import { poolSlug as mempoolSlug } from '../../attribute/names.js';

export { mempoolSlug };

export type DisplayNames = ReadonlyMap<string, string>;

export function parseDisplayNames(json: string, input: string): DisplayNames {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    throw new DecodeError({ input }, `invalid JSON: ${(err as Error).message}`);
  }
  const parsed = poolsSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DecodeError({ input, field: issue?.path.join('.') ?? '' }, `not a pools-v2 list: ${issue?.message ?? 'invalid'}`);
  }
  const names = new Map<string, string>([['unknown', 'Unknown']]);
  for (const p of parsed.data) names.set(mempoolSlug(p.name), p.name);
  return names;
}

export async function loadDisplayNames(path: string): Promise<DisplayNames> {
  return parseDisplayNames(await readText(path), path);
}

export function displayName(names: DisplayNames, label: string): string {
  return names.get(label) ?? label;
}
