/**
 * @module Address encoders, hand-written: base58check (P2PKH, P2SH; BIP13) and bech32 / bech32m
 * segwit addresses (BIP173 for witness v0, BIP350 for v1+). Networks carry the version bytes and
 * human-readable part.
 */
import { hash160, sha256d } from './hash.js';

export interface AddressNetwork {
  readonly name: string;
  readonly pubKeyHashVersion: number;
  readonly scriptHashVersion: number;
  readonly bech32Hrp: string;
}

export const MAINNET: AddressNetwork = { name: 'mainnet', pubKeyHashVersion: 0x00, scriptHashVersion: 0x05, bech32Hrp: 'bc' };
export const TESTNET: AddressNetwork = { name: 'testnet', pubKeyHashVersion: 0x6f, scriptHashVersion: 0xc4, bech32Hrp: 'tb' };
export const REGTEST: AddressNetwork = { name: 'regtest', pubKeyHashVersion: 0x6f, scriptHashVersion: 0xc4, bech32Hrp: 'bcrt' };

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

/** Base58 of `bytes` (leading zero bytes become '1'). */
export function base58(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  // Repeated division of a base-256 number by 58, digits kept little-endian in `digits`.
  const digits: number[] = [];
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i]!;
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j]! << 8;
      digits[j] = carry % 58;
      carry = (carry / 58) | 0;
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = (carry / 58) | 0;
    }
  }
  let s = '1'.repeat(zeros);
  for (let k = digits.length - 1; k >= 0; k--) s += BASE58[digits[k]!]!;
  return s;
}

/** Base58check: version byte, payload, first 4 bytes of SHA-256d of both. */
export function base58check(version: number, payload: Uint8Array): string {
  const body = new Uint8Array(1 + payload.length + 4);
  body[0] = version;
  body.set(payload, 1);
  const check = sha256d(body.subarray(0, 1 + payload.length));
  body.set(check.subarray(0, 4), 1 + payload.length);
  return base58(body);
}

const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_CONST = 1;
const BECH32M_CONST = 0x2bc830a3;
const GEN = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

/** One step of the BIP173 checksum polynomial: feed the 5-bit value `v`. */
function polymodStep(chk: number, v: number): number {
  const top = chk >>> 25;
  chk = ((chk & 0x1ffffff) << 5) ^ v;
  for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GEN[i]!;
  return chk;
}

/**
 * Segwit address: bech32 for witness version 0, bech32m for versions 1–16 (BIP350).
 * The caller guarantees a valid version (0–16) and program length (2–40).
 */
export function segwitAddress(hrp: string, witnessVersion: number, program: Uint8Array): string {
  let chk = 1;
  for (let i = 0; i < hrp.length; i++) chk = polymodStep(chk, hrp.charCodeAt(i) >>> 5);
  chk = polymodStep(chk, 0);
  for (let i = 0; i < hrp.length; i++) chk = polymodStep(chk, hrp.charCodeAt(i) & 31);
  chk = polymodStep(chk, witnessVersion);
  let s = hrp + '1' + BECH32_CHARSET[witnessVersion]!;
  // 8-bit bytes to 5-bit groups, the last group padded with zero bits.
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < program.length; i++) {
    acc = ((acc << 8) | program[i]!) & 0xfff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      const w = (acc >>> bits) & 31;
      chk = polymodStep(chk, w);
      s += BECH32_CHARSET[w]!;
    }
  }
  if (bits > 0) {
    const w = (acc << (5 - bits)) & 31;
    chk = polymodStep(chk, w);
    s += BECH32_CHARSET[w]!;
  }
  for (let i = 0; i < 6; i++) chk = polymodStep(chk, 0);
  const mod = (chk ^ (witnessVersion === 0 ? BECH32_CONST : BECH32M_CONST)) >>> 0;
  for (let i = 0; i < 6; i++) s += BECH32_CHARSET[(mod >>> (5 * (5 - i))) & 31]!;
  return s;
}

/** The P2PKH address of a public key's HASH160 — what explorers show for a bare P2PK output. */
export function pubKeyHashAddress(pubkey: Uint8Array, network: AddressNetwork = MAINNET): string {
  return base58check(network.pubKeyHashVersion, hash160(pubkey));
}
