/**
 * @module A bounds-checked cursor over SCALE-encoded bytes (Parity's codec, as used by Substrate
 * runtime APIs): fixed-width little-endian integers, booleans, compact integers and vector
 * lengths. Every read checks the remaining length first and fails with a DecodeError naming the
 * input, byte offset and field, never a RangeError.
 */
import { fromHex } from '../bitcoin/hex.js';
import { DecodeError } from '../../domain/errors.js';

export class ScaleReader {
  pos = 0;

  constructor(
    readonly bytes: Uint8Array,
    /** Name of the input (`state_call NeuronInfoRuntimeApi_get_neurons_lite at 0x…`) for error messages. */
    readonly input: string,
  ) {}

  remaining(): number {
    return this.bytes.length - this.pos;
  }

  fail(field: string, reason: string, offset = this.pos): never {
    throw new DecodeError({ input: this.input, offset, field }, reason);
  }

  need(n: number, field: string): void {
    if (n > this.bytes.length - this.pos) this.fail(field, `truncated: need ${n} bytes, ${this.bytes.length - this.pos} left`);
  }

  u8(field: string): number {
    this.need(1, field);
    return this.bytes[this.pos++]!;
  }

  bool(field: string): boolean {
    const at = this.pos;
    const b = this.u8(field);
    if (b > 1) this.fail(field, `invalid bool byte 0x${b.toString(16).padStart(2, '0')}`, at);
    return b === 1;
  }

  u16(field: string): number {
    this.need(2, field);
    const b = this.bytes;
    const p = this.pos;
    this.pos += 2;
    return b[p]! | (b[p + 1]! << 8);
  }

  u32(field: string): number {
    this.need(4, field);
    const b = this.bytes;
    const p = this.pos;
    this.pos += 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16)) + b[p + 3]! * 0x1000000;
  }

  /** Unsigned little-endian integer of `n` bytes as a bigint. */
  uintLe(n: number, field: string): bigint {
    this.need(n, field);
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(this.bytes[this.pos + i]!);
    this.pos += n;
    return v;
  }

  u64(field: string): bigint {
    return this.uintLe(8, field);
  }

  u128(field: string): bigint {
    return this.uintLe(16, field);
  }

  /** A view of the next `n` bytes (no copy). */
  take(n: number, field: string): Uint8Array {
    this.need(n, field);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /**
   * SCALE compact integer. Mode = low two bits of the first byte: 0b00 one byte, 0b01 two bytes,
   * 0b10 four bytes (value = word >> 2), 0b11 big-integer: (first >> 2) + 4 little-endian bytes follow.
   * Non-canonical encodings (a value that fits a shorter mode) are rejected, as parity-scale-codec does.
   */
  compact(field: string): bigint {
    const at = this.pos;
    const first = this.u8(field);
    const mode = first & 3;
    if (mode === 0) return BigInt(first >> 2);
    if (mode === 1) {
      this.need(1, field);
      const v = ((first | (this.bytes[this.pos++]! << 8)) >>> 2);
      if (v < 1 << 6) this.fail(field, `non-canonical compact integer ${v}`, at);
      return BigInt(v);
    }
    if (mode === 2) {
      this.pos = at;
      const v = Math.floor(this.u32(field) / 4);
      if (v < 1 << 14) this.fail(field, `non-canonical compact integer ${v}`, at);
      return BigInt(v);
    }
    const n = (first >> 2) + 4;
    const v = this.uintLe(n, field);
    if (v < 1n << 30n || (n > 4 && v < 1n << BigInt(8 * (n - 1)))) this.fail(field, `non-canonical compact integer ${v}`, at);
    return v;
  }

  /** Compact integer that must fit `max` (default: 2^53 − 1), as a number. */
  compactNumber(field: string, max = Number.MAX_SAFE_INTEGER): number {
    const at = this.pos;
    const v = this.compact(field);
    if (v > BigInt(max)) this.fail(field, `value ${v} exceeds ${max}`, at);
    return Number(v);
  }

  /** Vector length prefix; rejects lengths that cannot fit the remaining bytes (`minItemBytes` each). */
  vecLength(field: string, minItemBytes: number): number {
    const at = this.pos;
    const n = this.compactNumber(field, 0xffffffff);
    if (n * minItemBytes > this.remaining()) this.fail(field, `truncated: vector of ${n} items needs at least ${n * minItemBytes} bytes, ${this.remaining()} left`, at);
    return n;
  }

  vec<T>(field: string, minItemBytes: number, item: (i: number) => T): T[] {
    const n = this.vecLength(field, minItemBytes);
    const out = new Array<T>(n);
    for (let i = 0; i < n; i++) out[i] = item(i);
    return out;
  }

  /** The whole input must have been consumed. */
  expectEnd(what: string): void {
    if (this.pos !== this.bytes.length) this.fail(what, `${this.bytes.length - this.pos} trailing bytes after ${what}`);
  }
}

/** `0x`-prefixed (or bare) hex → bytes; odd length or non-hex characters are a DecodeError. */
export function hexToBytes(hex: string, input: string, field = 'result'): Uint8Array {
  const s = hex.startsWith('0x') || hex.startsWith('0X') ? hex.slice(2) : hex;
  if (s.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(s)) {
    throw new DecodeError({ input, field }, `invalid hex string (${s.length} characters${s.length % 2 ? ', odd length' : ''})`);
  }
  return fromHex(s, input);
}

export function bytesToHex(bytes: Uint8Array): string {
  return '0x' + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
