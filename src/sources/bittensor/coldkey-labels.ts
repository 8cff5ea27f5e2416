/**
 * @module Display labels for coldkeys. The delegate registry names hotkeys, not coldkeys; a
 * coldkey is named by the registered hotkeys it owns in the metagraph at hand:
 * `<name> (<first 8 characters of the coldkey>…)`, several names joined with ' / ' in sorted
 * order. A coldkey with no registered hotkey keeps its full SS58 address. The coldkey prefix keeps
 * labels unique: two coldkeys whose hotkeys carry the same name stay two entities (a shared name
 * is a claim, not proof of common ownership).
 */
import type { DelegateInfo } from '../../decode/bittensor/delegates.js';
import type { MetagraphRow } from '../../decode/bittensor/metagraph.js';

export function coldkeyLabels(rows: readonly MetagraphRow[], delegates: ReadonlyMap<string, DelegateInfo>): Map<string, string> {
  const names = new Map<string, Set<string>>();
  for (const r of rows) {
    if (!names.has(r.coldkey)) names.set(r.coldkey, new Set());
    const d = delegates.get(r.hotkey);
    if (d) names.get(r.coldkey)!.add(d.name);
  }
  const out = new Map<string, string>();
  for (const [coldkey, set] of names) {
    out.set(coldkey, set.size === 0 ? coldkey : `${[...set].sort().join(' / ')} (${coldkey.slice(0, 8)}…)`);
  }
  return out;
}
