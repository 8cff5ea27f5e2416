/**
 * @module SS58 addresses (Substrate's account-id text form) for 32-byte AccountId32 keys:
 * payload = prefix byte ‖ public key, checksum = first 2 bytes of blake2b-512("SS58PRE" ‖ payload),
 * text = base58(payload ‖ checksum) with Bitcoin's alphabet. Bittensor (finney) uses prefix 42,
 * the generic Substrate prefix. Only simple prefixes 0–63 (one byte) are supported.
 */
import { createHash } from 'node:crypto';

export const BITTENSOR_SS58_PREFIX = 42;

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const ALPHABET_INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));
const SS58PRE = Buffer.from('SS58PRE', 'ascii');

function checksum(payload: Uint8Array): Buffer {
  return createHash('blake2b512').update(SS58PRE).update(payload).digest().subarray(0, 2);
}

/** Base58 (Bitcoin alphabet): leading zero bytes become '1's; the rest is a base-256 → base-58 conversion. */
export function base58Encode(bytes: Uint8Array): string {
  let zeros = 0;
  while (zeros < bytes.length && bytes[zeros] === 0) zeros++;
  const digits: number[] = []; // little-endian base-58 digits
  for (let i = zeros; i < bytes.length; i++) {
    let carry = bytes[i]!;
    for (let k = 0; k < digits.length; k++) {
      carry += digits[k]! * 256;
      digits[k] = carry % 58;
      carry = Math.floor(carry / 58);
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = Math.floor(carry / 58);
    }
  }
  let out = '1'.repeat(zeros);
  for (let k = digits.length - 1; k >= 0; k--) out += ALPHABET[digits[k]!];
  return out;
}

/** Inverse of base58Encode; null when a character is outside the alphabet. */
export function base58Decode(text: string): Uint8Array | null {
  let zeros = 0;
  while (zeros < text.length && text[zeros] === '1') zeros++;
  const bytes: number[] = []; // little-endian base-256
  for (let i = zeros; i < text.length; i++) {
    const d = ALPHABET_INDEX.get(text[i]!);
    if (d === undefined) return null;
    let carry = d;
    for (let k = 0; k < bytes.length; k++) {
      carry += bytes[k]! * 58;
      bytes[k] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  const out = new Uint8Array(zeros + bytes.length);
  for (let k = 0; k < bytes.length; k++) out[out.length - 1 - k] = bytes[k]!;
  return out;
}

/** AccountId32 (32 bytes) → SS58 text with a one-byte prefix (default 42). */
export function encodeSs58(publicKey: Uint8Array, prefix = BITTENSOR_SS58_PREFIX): string {
  if (publicKey.length !== 32) throw new RangeError(`SS58: expected a 32-byte key, got ${publicKey.length}`);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 63) throw new RangeError(`SS58: unsupported prefix ${prefix}`);
  const payload = new Uint8Array(33);
  payload[0] = prefix;
  payload.set(publicKey, 1);
  const full = new Uint8Array(35);
  full.set(payload);
  full.set(checksum(payload), 33);
  return base58Encode(full);
}

/**
 * SS58 text → 32-byte key, or a reason it is not a valid prefix-`prefix` AccountId32 address
 * (bad characters, wrong length, other network prefix, checksum mismatch).
 */
export function decodeSs58(text: string, prefix = BITTENSOR_SS58_PREFIX): { key: Uint8Array } | { error: string } {
  const raw = base58Decode(text);
  if (!raw) return { error: `not base58: ${JSON.stringify(text)}` };
  if (raw.length !== 35) return { error: `not a 32-byte SS58 address (${raw.length} bytes decoded): ${JSON.stringify(text)}` };
  if (raw[0] !== prefix) return { error: `SS58 prefix ${raw[0]} (expected ${prefix}): ${JSON.stringify(text)}` };
  const cs = checksum(raw.subarray(0, 33));
  if (cs[0] !== raw[33] || cs[1] !== raw[34]) return { error: `SS58 checksum mismatch: ${JSON.stringify(text)}` };
  return { key: raw.slice(1, 33) };
}
