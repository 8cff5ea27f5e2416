/**
 * @module The query behind `GET /api/simulate/<scenario>/parameters`: a shipped scenario's numeric
 * parameters at the top level and one object down (`gamma01`, `economics.reinvest01`; list
 * elements such as `parties.0.share01` are left out), each with its value in the file (defaults
 * filled in), the bounds the scenario schema enforces, and a unit read from the key's suffix
 * (the schema's naming convention: `…01` fraction, `…UsdPerKwh`, `…Days`). These are the paths
 * `set=path=value` on `/api/simulate/<scenario>` (and the sweep's `--param`) accept.
 */
import { z } from 'zod';
import { NotFoundError } from '../../domain/errors.js';
import { libraryNames, loadScenario } from '../../sources/scenarios/scenario-files.js';
import { aiMarketSchema, industrySchema, raceSchema } from '../../simulate/scenario-schema.js';

export interface ScenarioParameter {
  readonly path: string;
  readonly value: number;
  readonly integer: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly minExclusive?: boolean;
  readonly maxExclusive?: boolean;
  /** From the key's suffix; absent when the name carries no unit. */
  readonly unit?: string;
}

export interface ScenarioParametersResult {
  readonly scenario: string;
  readonly model: string;
  readonly parameters: readonly ScenarioParameter[];
}

/** Key suffix → unit, longest first (the schema writes units into key names). */
const UNITS: readonly (readonly [RegExp, string])[] = [
  [/UsdPerKwh$/, 'USD/kWh'],
  [/UsdPerThDay$/, 'USD per TH/s per day'],
  [/UsdPerUnitStep$/, 'USD per unit per step'],
  [/UsdPerUnit$/, 'USD per unit'],
  [/UsdPerTh$/, 'USD per TH/s'],
  [/JPerTh$/, 'J/TH'],
  [/Ehs$/, 'EH/s'],
  [/Usd$/, 'USD'],
  [/01PerDay$/, 'fraction per day'],
  [/01PerStep$/, 'fraction per step'],
  [/01$/, 'fraction'],
  [/Sec$/, 'seconds'],
  [/DaysOfHashprice$/, 'days of hashprice'],
  [/Days$/, 'days'],
  [/Years$/, 'years'],
  [/PerDay$/, 'per day'],
  [/PerEpoch$/, 'per difficulty epoch'],
  [/PerStep$/, 'per step'],
  [/Steps$/, 'steps'],
];

export function unitOf(key: string): string | undefined {
  return UNITS.find(([re]) => re.test(key))?.[1];
}

type JsonSchema = { type?: string; properties?: Record<string, JsonSchema>; minimum?: number; maximum?: number; exclusiveMinimum?: number; exclusiveMaximum?: number };

const SCHEMAS = { industry: industrySchema, 'ai-market': aiMarketSchema, 'block-race': raceSchema } as const;
const jsonSchemas = new Map<string, JsonSchema>();

function jsonSchemaOf(model: keyof typeof SCHEMAS): JsonSchema {
  let s = jsonSchemas.get(model);
  if (!s) {
    s = z.toJSONSchema(SCHEMAS[model], { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    jsonSchemas.set(model, s);
  }
  return s;
}

function parameter(path: string, key: string, value: number, s: JsonSchema | undefined): ScenarioParameter {
  const unit = unitOf(key);
  return {
    path,
    value,
    integer: s?.type === 'integer',
    ...(s?.minimum !== undefined ? { min: s.minimum } : s?.exclusiveMinimum !== undefined ? { min: s.exclusiveMinimum, minExclusive: true } : {}),
    ...(s?.maximum !== undefined ? { max: s.maximum } : s?.exclusiveMaximum !== undefined ? { max: s.exclusiveMaximum, maxExclusive: true } : {}),
    ...(unit ? { unit } : {}),
  };
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export async function queryScenarioParameters(name: string): Promise<ScenarioParametersResult> {
  const shipped = libraryNames();
  if (!shipped.includes(name)) throw new NotFoundError(`unknown scenario: ${name} (shipped: ${shipped.join(', ')})`);
  const scenario = await loadScenario(name);
  const schema = jsonSchemaOf(scenario.model);
  const parameters: ScenarioParameter[] = [];
  for (const [key, value] of Object.entries(scenario)) {
    const sub = schema.properties?.[key];
    if (typeof value === 'number') parameters.push(parameter(key, key, value, sub));
    else if (isObject(value)) {
      for (const [k, v] of Object.entries(value)) if (typeof v === 'number') parameters.push(parameter(`${key}.${k}`, k, v, sub?.properties?.[k]));
    }
  }
  return { scenario: name, model: scenario.model, parameters };
}
