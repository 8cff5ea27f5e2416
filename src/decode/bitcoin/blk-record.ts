/**
 * @module Pure helpers for Bitcoin Core blk?????.dat records (magic, 4-byte LE length, block):
 * XOR de-obfuscation by file offset (Core 28+ `xor.dat`) and magic search for resynchronising.
 */

/** Size of the obfuscation key Core writes to `blocks/xor.dat`. */
export const XOR_KEY_BYTES = 8;

/**
 * XOR `buf` in place with `key`, where buf[0] sits at `fileOffset` in the file: byte i uses
 * key[(fileOffset + i) % key.length], as Core's AutoFile does. A null key leaves `buf` unchanged.
 */
export function xorInPlace(buf: Uint8Array, key: Uint8Array | null, fileOffset: number): void {
  if (key === null || key.length === 0) return;
  const n = key.length;
  let k = fileOffset % n;
  for (let i = 0; i < buf.length; i++) {
    buf[i]! ^= key[k]!;
    k = k + 1 === n ? 0 : k + 1;
  }
}

/** A key of all zero bytes obfuscates nothing: treat it as no key. */
export function effectiveXorKey(key: Uint8Array): Uint8Array | null {
  return key.some((b) => b !== 0) ? key : null;
}

/** Index of the first occurrence of the 4-byte `magic` in buf[from..], or -1. */
export function indexOfMagic(buf: Uint8Array, magic: Uint8Array, from = 0): number {
  const m0 = magic[0];
  for (let i = from; i + 4 <= buf.length; i++) {
    if (buf[i] === m0 && buf[i + 1] === magic[1] && buf[i + 2] === magic[2] && buf[i + 3] === magic[3]) return i;
  }
  return -1;
}

export function isAllZero(buf: Uint8Array, from = 0, to = buf.length): boolean {
  for (let i = from; i < to; i++) if (buf[i] !== 0) return false;
  return true;
}
