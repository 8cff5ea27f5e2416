/**
 * @module Parse scenario text: YAML → zod schema (strict) → cross-field checks, with errors that
 * name the file, the line and the key path (`miners.count: Too big: expected number to be <=200000`).
 * Reading files and the shipped library (`scenarios/<name>.yaml`) is sources/scenarios/scenario-files.ts.
 */
import { LineCounter, parseDocument } from 'yaml';
import { DecodeError, UsageError } from '../domain/errors.js';
import { getMetric } from '../metrics/index.js';
import { scenarioSchema, type Scenario } from './scenario-schema.js';

type Key = string | number;
interface Issue {
  readonly path: readonly Key[];
  readonly message: string;
}

function unique(names: readonly string[], at: Key[], issues: Issue[]): void {
  names.forEach((n, i) => {
    if (names.indexOf(n) !== i) issues.push({ path: [...at, i, 'name'], message: `duplicate name ${JSON.stringify(n)}` });
  });
}

/** Checks across fields that the schema cannot express. */
export function crossCheck(s: Scenario): Issue[] {
  const issues: Issue[] = [];
  s.metrics.forEach((id, i) => {
    try {
      getMetric(id);
    } catch (err) {
      issues.push({ path: ['metrics', i], message: (err as Error).message });
    }
  });
  if (s.model === 'industry') {
    if (s.end <= s.start) issues.push({ path: ['end'], message: `must be after start (${s.start})` });
    unique(s.regions.map((r) => r.name), ['regions'], issues);
    unique(s.pools.map((p) => p.name), ['pools'], issues);
    const regionSum = s.regions.reduce((a, r) => a + r.initialShare01, 0);
    if (!s.regionSharesFromCbeci && Math.abs(regionSum - 1) > 0.01) issues.push({ path: ['regions'], message: `initialShare01 must sum to 1 (±0.01), got ${regionSum}` });
    const poolSum = s.pools.reduce((a, p) => a + p.initialShare01, 0);
    if (poolSum > 1 + 1e-9) issues.push({ path: ['pools'], message: `initialShare01 must sum to at most 1 (the rest mines solo), got ${poolSum}` });
    for (const key of ['priceUsd', 'feesBtcPerBlock'] as const) {
      s[key].points.forEach((p, i) => {
        if (i > 0 && p[0] <= s[key].points[i - 1]![0]) issues.push({ path: [key, 'points', i, 0], message: 'dates must be strictly ascending' });
      });
    }
    const names = s.regions.map((r) => r.name);
    s.shocks.forEach((b, i) => {
      if (!names.includes(b.region)) issues.push({ path: ['shocks', i, 'region'], message: `unknown region ${JSON.stringify(b.region)} (regions: ${names.join(', ')})` });
      if (b.relocate01 + b.covert01 > 1 + 1e-9) issues.push({ path: ['shocks', i], message: 'relocate01 + covert01 must be at most 1' });
      for (const d of Object.keys(b.destinations ?? {})) {
        if (!names.includes(d) || d === b.region) issues.push({ path: ['shocks', i, 'destinations', d], message: `not another region (regions: ${names.join(', ')})` });
      }
    });
  } else if (s.model === 'ai-market') {
    if (s.reward.mechanism === 'yuma' && !s.yuma) issues.push({ path: ['yuma'], message: 'required when reward.mechanism is yuma' });
  } else {
    const sum = s.parties.reduce((a, p) => a + p.share01, 0);
    if (Math.abs(sum - 1) > 1e-6) issues.push({ path: ['parties'], message: `share01 must sum to 1, got ${sum}` });
    if (s.parties.filter((p) => p.strategy === 'selfish').length > 1) issues.push({ path: ['parties'], message: 'at most one party can be selfish' });
    s.parties.forEach((p, i) => {
      if (p.strategy === 'selfish' && p.share01 >= 0.5) issues.push({ path: ['parties', i, 'share01'], message: 'a selfish party must have less than half the hash (≥ 0.5 wins every race)' });
    });
  }
  return issues;
}

function fail(input: string, text: string, issues: readonly Issue[]): never {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc });
  const first = issues[0]!;
  let line: number | undefined;
  for (let k = first.path.length; k >= 0 && line === undefined; k--) {
    const node = doc.getIn(first.path.slice(0, k), true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) line = lc.linePos(node.range[0]).line;
  }
  const describe = (i: Issue) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`;
  const more = issues.length > 1 ? `; also ${issues.slice(1, 4).map(describe).join('; ')}${issues.length > 4 ? ` (+${issues.length - 4} more)` : ''}` : '';
  throw new DecodeError({ input, line, field: first.path.join('.') || undefined }, `invalid scenario: ${describe(first)}${more}`);
}

/** Parse and validate scenario text (YAML). `input` names it in errors. */
export function parseScenario(text: string, input: string): Scenario {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const e = doc.errors[0]!;
    throw new DecodeError({ input, line: lc.linePos(e.pos[0]).line }, `invalid YAML: ${e.message.split('\n')[0]}`);
  }
  const raw: unknown = doc.toJS();
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    fail(input, text, parsed.error.issues.map((i) => {
      const keys = (i as { keys?: string[] }).keys;
      if (i.code === 'unrecognized_keys' && keys?.length) return { path: [...i.path, keys[0]!] as Key[], message: `unknown key${keys.length > 1 ? `s ${keys.join(', ')}` : ''}` };
      return { path: i.path as Key[], message: i.message };
    }));
  }
  const issues = crossCheck(parsed.data);
  if (issues.length > 0) fail(input, text, issues);
  return parsed.data;
}

/** Re-validate a scenario object (e.g. after a sweep changed a value). `input` names it in errors. */
export function validateScenario(value: unknown, input: string): Scenario {
  const parsed = scenarioSchema.safeParse(value);
  const issues: Issue[] = parsed.success ? crossCheck(parsed.data) : parsed.error.issues.map((i) => ({ path: i.path as Key[], message: i.message }));
  if (issues.length > 0) {
    const i = issues[0]!;
    throw new UsageError(`${input}: invalid scenario: ${i.path.join('.')}: ${i.message}`);
  }
  return parsed.data as Scenario;
}
