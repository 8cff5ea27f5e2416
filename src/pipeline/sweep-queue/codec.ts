/**
 * @module Exact text encoding of simulation data for the queue: JSON in which every Float64Array
 * becomes its IEEE-754 bytes (little-endian, base64) and every number JSON cannot hold (-0, NaN,
 * ±Infinity) is spelled out, so what a worker computes is decoded bit for bit by the submitter.
 */
const F64 = '$f64';
const NUM = '$num';

function f64ToBase64(a: Float64Array): string {
  const buf = Buffer.alloc(a.length * 8);
  for (let i = 0; i < a.length; i++) buf.writeDoubleLE(a[i]!, i * 8);
  return buf.toString('base64');
}

function base64ToF64(text: string): Float64Array {
  const buf = Buffer.from(text, 'base64');
  if (buf.length % 8 !== 0) throw new Error(`corrupt ${F64} value: ${buf.length} bytes is not a whole number of doubles`);
  const out = new Float64Array(buf.length / 8);
  for (let i = 0; i < out.length; i++) out[i] = buf.readDoubleLE(i * 8);
  return out;
}

export function encodeExact(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Float64Array) return { [F64]: f64ToBase64(v) };
    if (ArrayBuffer.isView(v)) throw new Error(`cannot encode a ${v.constructor.name} exactly (only Float64Array)`);
    if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))) return { [NUM]: Object.is(v, -0) ? '-0' : String(v) };
    return v;
  });
}

export function decodeExact(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const keys = Object.keys(v);
    if (keys.length !== 1) return v;
    const inner = (v as Record<string, unknown>)[keys[0]!];
    if (keys[0] === F64 && typeof inner === 'string') return base64ToF64(inner);
    if (keys[0] === NUM && typeof inner === 'string') return Number(inner);
    return v;
  });
}
