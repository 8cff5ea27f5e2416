/**
 * @module The scenario file schema (YAML, validated with zod; every object is strict so an unknown
 * key is an error naming its path). Three models: `industry` (agent-based Bitcoin mining industry),
 * `ai-market` (AI compute providers under a reward rule), `block-race` (honest / selfish miners).
 * Units are in the key names; shares are fractions in [0, 1] (`…01`).
 */
import { z } from 'zod';

const share01 = z.number().min(0).max(1);
const positive = z.number().positive();
const count = (min: number, max: number) => z.number().int().min(min).max(max);
const date = z.iso.date({ error: 'expected a date YYYY-MM-DD' });
const name = z.string().min(1).max(80);
const metricList = z.array(z.string().min(1)).min(1).default(['hhi', 'nakamoto-coefficient', 'gini', 'max-share', 'active-entities']);

/** A dated path: [[date, value], …] in ascending date order, optionally with daily log-noise. */
const path = z
  .object({
    points: z.array(z.tuple([date, z.number().min(0)])).min(1),
    /** Daily standard deviation of log-noise around the path (Ornstein–Uhlenbeck; 0 = deterministic). */
    volatilityPerDay: z.number().min(0).max(0.5).default(0),
    /** Half-life in days with which the noise reverts to the path. */
    reversionHalfLifeDays: z.number().positive().max(3650).default(90),
  })
  .strict();

const region = z
  .object({
    name,
    electricityUsdPerKwh: z.number().positive().max(1),
    initialShare01: share01.default(0),
    /** Relative attraction of new hash (entrants, relocations); default: the initial share. */
    entryWeight: z.number().min(0).optional(),
  })
  .strict();

const pool = z.object({ name, fee01: z.number().min(0).max(0.2), initialShare01: share01 }).strict();

const ban = z
  .object({
    type: z.literal('ban'),
    region: name,
    date,
    /** Fraction of the region's miners affected (1 = the whole region; less = a province). A partial ban does not close the region to entrants. */
    affected01: z.number().gt(0).max(1).default(1),
    /** Miners shut down on a day drawn uniformly from [date, date + phaseInDays). */
    phaseInDays: count(0, 3650).default(0),
    /** Fraction of the banned miners that relocate (the rest exit or go covert). */
    relocate01: share01,
    relocationDays: count(0, 3650),
    relocationCostUsdPerTh: z.number().min(0).max(1000).default(0),
    /** Fraction of the banned miners that come back covertly in the same region after `covertDelayDays`. */
    covert01: share01.default(0),
    covertDelayDays: count(0, 3650).default(0),
    /** Relocation destinations with weights; default: every other region by entry weight. */
    destinations: z.record(z.string(), z.number().min(0)).optional(),
  })
  .strict();

export const industrySchema = z
  .object({
    name,
    description: z.string().min(1).max(300),
    model: z.literal('industry'),
    start: date,
    end: date,
    recordEveryDays: count(1, 365).default(7),
    startHeight: count(0, 10_000_000),
    initialHashrateEhs: positive.max(1e6),
    priceUsd: path,
    feesBtcPerBlock: path,
    hardware: z
      .object({
        /** Use the one ASIC table (CBECI 2021-02 + data/hardware/asic-2021-2025.csv; the energy estimate's too). */
        useDataset: z.boolean().default(true),
        /** Further generations the table lacks (or hypothetical ones), each with its source in `model`. */
        extra: z.array(z.object({ model: name, released: date, efficiencyJPerTh: positive.max(10_000) }).strict()).default([]),
      })
      .strict()
      .default({ useDataset: true, extra: [] }),
    regions: z.array(region).min(1).max(64),
    /** Take initial region shares from CBECI's mining map for this month (region names = CBECI country names). */
    regionSharesFromCbeci: z.string().regex(/^\d{4}-\d{2}$/, 'expected a month YYYY-MM').optional(),
    miners: z
      .object({
        count: count(1, 200_000),
        /** Pareto tail index of initial miner sizes (smaller = more unequal). */
        sizeParetoAlpha: z.number().min(0.5).max(10),
        /** Std. dev. of log cost factor across miners (private cost advantages beyond electricity). */
        costSpread: z.number().min(0).max(2),
        /** Initial fleets were bought on a day drawn uniformly from the last `fleetAgeYears`. */
        fleetAgeYears: z.number().min(0).max(10),
      })
      .strict(),
    economics: z
      .object({
        /** Price of 1 TH/s of new hardware, in days of the current hashprice (machine prices track hashprice). */
        capexDaysOfHashprice: positive.max(5000),
        /** Fraction of positive capital reinvested at each difficulty epoch. */
        reinvest01: share01,
        /** Buy new hardware only if it pays back within this many days at today's hashprice. */
        maxPaybackDays: positive.max(5000),
        /** A miner offline (unprofitable) this many days in a row scraps its fleet and exits. */
        exitAfterOfflineDays: count(1, 3650),
        /** Expected new miners per epoch when new hardware is profitable at the median electricity price. */
        entrantsPerEpoch: z.number().min(0).max(10_000),
        /** Size of an entrant as a fraction of network hash rate. */
        entrantSize01: share01.default(0.0001),
        /** Other operating costs (staff, hosting), USD per TH/s per day. */
        overheadUsdPerThDay: z.number().min(0).max(10).default(0),
      })
      .strict(),
    pools: z.array(pool).min(1).max(255),
    poolChoice: z
      .object({
        switch01PerDay: share01,
        /** Weight on the coefficient of variation of income over `horizonDays` (variance dislike). */
        riskAversion: z.number().min(0).max(100),
        /** Logit temperature on utility (fraction of revenue); small = near-deterministic best choice. */
        temperature: z.number().positive().max(10),
        horizonDays: positive.max(3650).default(30),
        solo: z.boolean().default(true),
      })
      .strict(),
    /** Stratum V2 job declaration: miners who adopt choose their own block templates. */
    templateChoice: z.object({ adoptionStart01: share01, adoptionEnd01: share01 }).strict().optional(),
    shocks: z.array(ban).default([]),
    metrics: metricList,
  })
  .strict();

const validators = z
  .object({
    count: count(1, 1024),
    stakeParetoAlpha: z.number().min(0.5).max(10),
    /** Relative std. dev. of each validator's measurement of a provider's work. */
    noise01: z.number().min(0).max(5),
    /** Consensus quantile κ: the weight supported by at least κ of stake (Bittensor default 0.5). */
    kappa01: z.number().gt(0).lt(1).default(0.5),
    /** Fraction of stake held by validators colluding with the largest provider. */
    colludingStake01: share01.default(0),
    /** Extra weight colluders give the largest provider (fraction of their weight vector). */
    collusionBias01: share01.default(0),
  })
  .strict();

export const aiMarketSchema = z
  .object({
    name,
    description: z.string().min(1).max(300),
    model: z.literal('ai-market'),
    start: date.default('2025-01-01'),
    steps: count(1, 10_000),
    stepDays: count(1, 365).default(7),
    recordEvery: count(1, 1000).default(1),
    providers: z
      .object({
        count: count(2, 10_000),
        capacityParetoAlpha: z.number().min(0.5).max(10),
        /** Std. dev. of log unit cost across providers. */
        costSpread: z.number().min(0).max(2),
        /** Std. dev. of log quality (useful work per unit of capacity). */
        qualitySpread: z.number().min(0).max(2),
        meanCostUsdPerUnitStep: positive,
      })
      .strict(),
    /** Demand in capacity units per step (work beyond demand is not paid). */
    demand: z.object({ unitsPerStep: positive, growth01PerStep: z.number().min(-0.5).max(1).default(0) }).strict(),
    reward: z
      .object({
        mechanism: z.enum(['pay-per-work', 'yuma']),
        emissionPerStep: positive,
        tokenPriceUsd: positive,
        /** Cap on one entity's share of each step's emission; the excess goes to the others (water-filling). */
        cap01: z.number().gt(0).max(1).optional(),
        /** Identities each provider registers (splitting evades a per-identity cap). */
        identitiesPerProvider: count(1, 1000).default(1),
        /** Whether the cap is enforced per provider (true: identities linked) or per identity. */
        capPerEntity: z.boolean().default(true),
      })
      .strict()
      // The step's emission in USD is their product: it must be a finite number.
      .refine((r) => Number.isFinite(r.emissionPerStep * r.tokenPriceUsd), { message: 'emissionPerStep × tokenPriceUsd overflows (the product must be below 1.8e308)', path: ['tokenPriceUsd'] }),
    yuma: validators.optional(),
    dynamics: z
      .object({
        reinvest01: share01,
        capexUsdPerUnit: positive,
        /** A provider losing money this many steps in a row exits. */
        exitAfterSteps: count(1, 10_000),
        entrantsPerStep: z.number().min(0).max(1000),
        entrantCapacityUnits: positive,
      })
      .strict(),
    metrics: metricList,
  })
  .strict();

export const raceSchema = z
  .object({
    name,
    description: z.string().min(1).max(300),
    model: z.literal('block-race'),
    blocks: count(1, 1_000_000_000),
    meanIntervalSec: positive.max(1e6).default(600),
    /** Eyal–Sirer γ: share of honest hash that mines on the selfish branch in a tie. */
    gamma01: share01.default(0),
    parties: z
      .array(
        z
          .object({
            name,
            share01: share01,
            /** Time for this party's blocks to reach the others (honest race only). */
            delaySec: z.number().min(0).max(3600).default(0),
            strategy: z.enum(['honest', 'selfish']).default('honest'),
          })
          .strict(),
      )
      .min(2)
      .max(255),
    metrics: metricList,
  })
  .strict();

export const scenarioSchema = z.discriminatedUnion('model', [industrySchema, aiMarketSchema, raceSchema]);

export type IndustryScenario = z.infer<typeof industrySchema>;
export type AiMarketScenario = z.infer<typeof aiMarketSchema>;
export type RaceScenario = z.infer<typeof raceSchema>;
export type Scenario = z.infer<typeof scenarioSchema>;
