/**
 * @module The one ASIC hardware table's row type, used by the energy estimate
 * (analysis/energy/hardware-selection.ts) and the simulator's efficiency frontier (simulate/hardware.ts).
 * Rows are read by src/sources/datasets/asic-hardware.ts (`readAsicTable`): CBECI's 2021-02 list
 * followed by the project's sourced 2021–2025 table (docs/energy.md §1.5, docs/simulation.md).
 * No staged list has machine prices, so a row has none.
 */

export interface AsicModel {
  readonly model: string;
  /** Release (or availability) day, UTC seconds at midnight. */
  readonly releaseSec: number;
  /** Joules per terahash (= W per TH/s). */
  readonly efficiencyJPerTh: number;
  /** Nameplate hash rate, TH/s, where the list gives one (the project's table; CBECI's lists do not). */
  readonly hashrateTh?: number;
  /** Nameplate power, W, where the list gives one. */
  readonly powerW?: number;
  /** The source row: `file:line` (or a scenario's `hardware.extra[i]`). */
  readonly from: string;
}

/** The fields the energy estimate and the frontier use. */
export type AsicEfficiency = Pick<AsicModel, 'model' | 'releaseSec' | 'efficiencyJPerTh'>;
