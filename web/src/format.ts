/**
 * @module Number formatting for the dashboard. `cliNumber` is the CLI's table rule
 * (src/interfaces/cli/output.ts formatNumber: integers as they are, else up to 6 decimals,
 * exponent form below 1e-4), so a calculator shows the digits `nakamoto attack …` prints.
 */
export function cliNumber(x: number, digits = 6): string {
  if (Number.isInteger(x)) return String(x);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e15)) return x.toExponential(digits - 1);
  return String(Number(x.toFixed(digits)));
}

const grouped = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** 0.3108 → "31.1%". */
export function pct(share01: number | null | undefined, digits = 1): string {
  return share01 === null || share01 === undefined || !Number.isFinite(share01) ? '–' : `${(share01 * 100).toFixed(digits)}%`;
}

/** 53222 → "53,222". */
export function int(x: number | null | undefined): string {
  return x === null || x === undefined || !Number.isFinite(x) ? '–' : grouped.format(x);
}

/** A metric value for display: HHI with no decimals, shares as %, counts as integers. */
export function metricText(metric: string, x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  if (metric.startsWith('concentration-ratio') || metric === 'max-share') return pct(x);
  if (metric === 'hhi') return int(Math.round(x));
  if (Number.isInteger(x)) return String(x);
  return x.toFixed(3);
}

/** Round to `digits` decimals and print without trailing zeros (0.31085 → "0.3109"). */
export function roundText(x: number, digits = 4): string {
  return String(Number(x.toFixed(digits)));
}

/** "2024-01-01" → Date at UTC midnight. */
export function day(text: string): Date {
  return new Date(`${text}T00:00:00Z`);
}
