/**
 * @module Output script (scriptPubKey) classification, following Bitcoin Core's Solver
 * (script/solver.cpp) templates, with the address for address-bearing types.
 */
import type { CoinbaseOutput } from '../../domain/block.js';
import { base58check, MAINNET, segwitAddress, type AddressNetwork } from './address.js';
import { toHex } from './hex.js';

export type ScriptType = CoinbaseOutput['type'];

/** What a script is, without its value and hex (see CoinbaseOutput). */
export type ScriptDescription = Omit<CoinbaseOutput, 'valueSats' | 'scriptHex'>;

const OP_0 = 0x00;
const OP_PUSHDATA1 = 0x4c;
const OP_PUSHDATA2 = 0x4d;
const OP_PUSHDATA4 = 0x4e;
const OP_1 = 0x51;
const OP_16 = 0x60;
const OP_RETURN = 0x6a;
const OP_DUP = 0x76;
const OP_EQUAL = 0x87;
const OP_EQUALVERIFY = 0x88;
const OP_HASH160 = 0xa9;
const OP_CHECKSIG = 0xac;
const OP_CHECKMULTISIG = 0xae;

/** The witness-commitment prefix (BIP141): OP_RETURN, push 36, magic aa21a9ed. */
const COMMITMENT_PREFIX = [0x6a, 0x24, 0xaa, 0x21, 0xa9, 0xed];

const NONSTANDARD: ScriptDescription = { type: 'nonstandard', address: null };

function isPubkey(s: Uint8Array, at: number, len: number): boolean {
  const first = s[at];
  if (len === 33) return first === 0x02 || first === 0x03;
  if (len === 65) return first === 0x04 || first === 0x06 || first === 0x07;
  return false;
}

function isWitnessCommitment(s: Uint8Array): boolean {
  if (s.length < 38) return false;
  for (let i = 0; i < COMMITMENT_PREFIX.length; i++) if (s[i] !== COMMITMENT_PREFIX[i]) return false;
  return true;
}

/** The data pushed after OP_RETURN, concatenated; null when the rest is not push-only or is cut short. */
function pushedData(s: Uint8Array, from: number): string | null {
  let data = '';
  let i = from;
  while (i < s.length) {
    const op = s[i++]!;
    let n: number;
    if (op <= 0x4b) n = op;
    else if (op === OP_PUSHDATA1 || op === OP_PUSHDATA2 || op === OP_PUSHDATA4) {
      const w = op === OP_PUSHDATA1 ? 1 : op === OP_PUSHDATA2 ? 2 : 4;
      if (i + w > s.length) return null;
      n = 0;
      for (let k = w - 1; k >= 0; k--) n = n * 256 + s[i + k]!;
      i += w;
    } else if (op === 0x4f || (op >= OP_1 && op <= OP_16)) continue; // OP_1NEGATE, OP_1..OP_16 push no bytes here
    else return null;
    if (i + n > s.length) return null;
    data += toHex(s, i, i + n);
    i += n;
  }
  return data;
}

function multisig(s: Uint8Array): ScriptDescription | null {
  const len = s.length;
  if (len < 37 || s[len - 1] !== OP_CHECKMULTISIG) return null;
  const m = s[0]!;
  const n = s[len - 2]!;
  if (m < OP_1 || m > OP_16 || n < OP_1 || n > OP_16 || m > n) return null;
  const pubkeys: string[] = [];
  let i = 1;
  while (i < len - 2) {
    const k = s[i]!;
    if ((k !== 33 && k !== 65) || i + 1 + k > len - 2 || !isPubkey(s, i + 1, k)) return null;
    pubkeys.push(toHex(s, i + 1, i + 1 + k));
    i += 1 + k;
  }
  if (pubkeys.length !== n - OP_1 + 1) return null;
  return { type: 'multisig', address: null, pubkeys, requiredSigs: m - OP_1 + 1 };
}

/** Classify an output script and derive its address (P2PKH, P2SH, segwit v0, taproot, future witness versions). */
export function describeScript(s: Uint8Array, network: AddressNetwork = MAINNET): ScriptDescription {
  const len = s.length;
  if (len === 25 && s[0] === OP_DUP && s[1] === OP_HASH160 && s[2] === 20 && s[23] === OP_EQUALVERIFY && s[24] === OP_CHECKSIG) {
    return { type: 'p2pkh', address: base58check(network.pubKeyHashVersion, s.subarray(3, 23)) };
  }
  if (len === 23 && s[0] === OP_HASH160 && s[1] === 20 && s[22] === OP_EQUAL) {
    return { type: 'p2sh', address: base58check(network.scriptHashVersion, s.subarray(2, 22)) };
  }
  const v = s[0];
  if (len >= 4 && len <= 42 && v !== undefined && (v === OP_0 || (v >= OP_1 && v <= OP_16)) && s[1] === len - 2) {
    const version = v === OP_0 ? 0 : v - OP_1 + 1;
    const program = s.subarray(2);
    if (version === 0) {
      if (len === 22) return { type: 'p2wpkh', address: segwitAddress(network.bech32Hrp, 0, program) };
      if (len === 34) return { type: 'p2wsh', address: segwitAddress(network.bech32Hrp, 0, program) };
      return NONSTANDARD; // v0 programs of other lengths are unspendable, not a "future version"
    }
    if (version === 1 && len === 34) return { type: 'p2tr', address: segwitAddress(network.bech32Hrp, 1, program) };
    return { type: 'witness_unknown', address: segwitAddress(network.bech32Hrp, version, program) };
  }
  if (len > 0 && v === OP_RETURN) {
    if (isWitnessCommitment(s)) return { type: 'witness_commitment', address: null, data: toHex(s, 6, 38) };
    return { type: 'op_return', address: null, data: pushedData(s, 1) ?? toHex(s, 1, len) };
  }
  if ((len === 35 || len === 67) && s[0] === len - 2 && s[len - 1] === OP_CHECKSIG && isPubkey(s, 1, len - 2)) {
    return { type: 'p2pk', address: null, data: toHex(s, 1, len - 1) };
  }
  return multisig(s) ?? NONSTANDARD;
}
