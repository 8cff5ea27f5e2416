/**
 * @module A bounds-checked little-endian cursor over a Uint8Array. Every read checks the remaining
 * length first and fails with a DecodeError naming the input, byte offset and field — never a
 * RangeError or a silent `undefined`. Reads of sub-ranges return views (no copies).
 */
import { DecodeError } from '../../domain/errors.js';

/** Bitcoin Core's MAX_SIZE for a CompactSize (serialize.h): larger values are rejected. */
export const MAX_COMPACT_SIZE = 0x02000000;

export class ByteReader {
  /** Absolute offset of the next byte to read. */
  pos: number;
  readonly end: number;

  constructor(
    readonly bytes: Uint8Array,
    /** Name of the input (file path, `<stdin>`, `block 0000…`) used in error messages. */
    readonly input: string,
    start = 0,
    end = bytes.length,
  ) {
    this.pos = start;
    this.end = end;
  }

  remaining(): number {
    return this.end - this.pos;
  }

  /** Throw a DecodeError at `offset` (default: the current position). */
  fail(field: string, reason: string, offset = this.pos): never {
    throw new DecodeError({ input: this.input, offset, field }, reason);
  }

  /** Ensure `n` more bytes exist. */
  need(n: number, field: string): void {
    if (n > this.end - this.pos) this.fail(field, `truncated: need ${n} bytes, ${this.end - this.pos} left`);
  }

  peek(field: string): number {
    this.need(1, field);
    return this.bytes[this.pos]!;
  }

  u8(field: string): number {
    this.need(1, field);
    return this.bytes[this.pos++]!;
  }

  u16(field: string): number {
    this.need(2, field);
    const b = this.bytes;
    const p = this.pos;
    this.pos = p + 2;
    return b[p]! | (b[p + 1]! << 8);
  }

  u32(field: string): number {
    this.need(4, field);
    const b = this.bytes;
    const p = this.pos;
    this.pos = p + 4;
    return (b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16)) + b[p + 3]! * 0x1000000;
  }

  i32(field: string): number {
    return this.u32(field) | 0;
  }

  /** Unsigned 64-bit little-endian as bigint (satoshi amounts). */
  u64(field: string): bigint {
    const lo = this.u32(field);
    const hi = this.u32(field);
    return hi === 0 ? BigInt(lo) : (BigInt(hi) << 32n) | BigInt(lo);
  }

  /**
   * A Bitcoin CompactSize. Non-canonical encodings (a value that fits a shorter form) and values
   * above MAX_COMPACT_SIZE are rejected, as Bitcoin Core's ReadCompactSize does.
   */
  varint(field: string): number {
    const start = this.pos;
    const first = this.u8(field);
    if (first < 0xfd) return first;
    let v: number;
    if (first === 0xfd) {
      v = this.u16(field);
      if (v < 0xfd) this.fail(field, `non-canonical compact size ${v}`, start);
    } else if (first === 0xfe) {
      v = this.u32(field);
      if (v < 0x10000) this.fail(field, `non-canonical compact size ${v}`, start);
    } else {
      const lo = this.u32(field);
      const hi = this.u32(field);
      if (hi === 0) this.fail(field, `non-canonical compact size ${lo}`, start);
      this.fail(field, `compact size too large (${hi} * 2^32 + ${lo})`, start);
    }
    if (v > MAX_COMPACT_SIZE) this.fail(field, `compact size too large (${v})`, start);
    return v;
  }

  /**
   * A CompactSize count of items each at least `minItemBytes` long: rejected when the remaining
   * bytes cannot hold that many items, so a corrupt count never drives a huge loop or allocation.
   */
  count(minItemBytes: number, field: string): number {
    const start = this.pos;
    const n = this.varint(field);
    if (n * minItemBytes > this.end - this.pos) {
      this.fail(field, `count ${n} (at least ${n * minItemBytes} bytes) exceeds the ${this.end - this.pos} bytes left`, start);
    }
    return n;
  }

  skip(n: number, field: string): void {
    this.need(n, field);
    this.pos += n;
  }

  /** A view of the next `n` bytes (no copy). */
  view(n: number, field: string): Uint8Array {
    this.need(n, field);
    const p = this.pos;
    this.pos = p + n;
    return this.bytes.subarray(p, p + n);
  }

  /** A length-prefixed byte string (CompactSize length, then that many bytes), as a view. */
  varBytes(field: string): Uint8Array {
    const n = this.count(1, field);
    return this.view(n, field);
  }
}
