/**
 * @module The delegate name registry (opentensor/bittensor-delegates `public/delegates.json`):
 * `{ "<hotkey SS58>": { name, url, description, signature } }`. Only hotkeys are registered;
 * a coldkey gets a name through the hotkeys it owns (see sources/bittensor/coldkey-labels.ts).
 * Signatures are not verified (sr25519 verification is out of scope); names are display labels.
 */
import { DecodeError } from '../../domain/errors.js';
import { decodeSs58 } from './ss58.js';

export interface DelegateInfo {
  readonly name: string;
  readonly url: string | null;
}

export function parseDelegates(text: string, input: string): Map<string, DelegateInfo> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new DecodeError({ input }, `invalid JSON: ${(err as Error).message}`, { cause: err });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw new DecodeError({ input, field: '(root)' }, 'expected an object keyed by hotkey');
  const out = new Map<string, DelegateInfo>();
  for (const [hotkey, v] of Object.entries(doc)) {
    const d = decodeSs58(hotkey);
    if ('error' in d) throw new DecodeError({ input, field: hotkey }, `key is not a hotkey address: ${d.error}`);
    const rec = v as Record<string, unknown> | null;
    const name = typeof rec === 'object' && rec !== null ? rec.name : undefined;
    if (typeof name !== 'string' || name.trim() === '') throw new DecodeError({ input, field: `${hotkey}.name` }, 'missing delegate name');
    const url = typeof rec?.url === 'string' && rec.url !== '' ? rec.url : null;
    out.set(hotkey, { name: name.trim(), url });
  }
  return out;
}
