/**
 * @module SHA-256 (FIPS 180-4) in plain JavaScript for short messages — block headers, the second
 * round of SHA-256d, small transactions — where node:crypto's per-call setup (several µs) costs far
 * more than the hashing. Preallocated state, no allocation except the 32-byte result. Long inputs
 * should use node:crypto (see hash.ts, which picks).
 */

const K = Int32Array.from([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = Int32Array.from([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);

const W = new Int32Array(64);
const H = new Int32Array(8);
/** Scratch for the final padded block(s). */
const TAIL = new Uint8Array(128);

/** Compress one 64-byte block of `m` starting at `p` into H. */
function compress(m: Uint8Array, p: number): void {
  for (let i = 0; i < 16; i++, p += 4) W[i] = (m[p]! << 24) | (m[p + 1]! << 16) | (m[p + 2]! << 8) | m[p + 3]!;
  for (let i = 16; i < 64; i++) {
    const w15 = W[i - 15]!;
    const w2 = W[i - 2]!;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = H[0]!, b = H[1]!, c = H[2]!, d = H[3]!, e = H[4]!, f = H[5]!, g = H[6]!, h = H[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + S1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  H[0] = (H[0]! + a) | 0;
  H[1] = (H[1]! + b) | 0;
  H[2] = (H[2]! + c) | 0;
  H[3] = (H[3]! + d) | 0;
  H[4] = (H[4]! + e) | 0;
  H[5] = (H[5]! + f) | 0;
  H[6] = (H[6]! + g) | 0;
  H[7] = (H[7]! + h) | 0;
}

/** Hash `data` into H (the caller reads H). Length must be < 2^32 bytes. */
function digestInto(data: Uint8Array): void {
  H.set(IV);
  const n = data.length;
  const full = n - (n % 64);
  for (let p = 0; p < full; p += 64) compress(data, p);
  const rest = n - full;
  TAIL.fill(0);
  TAIL.set(data.subarray(full), 0);
  TAIL[rest] = 0x80;
  const tailLen = rest < 56 ? 64 : 128;
  const bits = n * 8;
  TAIL[tailLen - 5] = Math.floor(bits / 2 ** 32) & 0xff;
  TAIL[tailLen - 4] = (bits >>> 24) & 0xff;
  TAIL[tailLen - 3] = (bits >>> 16) & 0xff;
  TAIL[tailLen - 2] = (bits >>> 8) & 0xff;
  TAIL[tailLen - 1] = bits & 0xff;
  compress(TAIL, 0);
  if (tailLen === 128) compress(TAIL, 64);
}

function writeState(out: Uint8Array): void {
  for (let i = 0, p = 0; i < 8; i++, p += 4) {
    const v = H[i]!;
    out[p] = v >>> 24;
    out[p + 1] = v >>> 16;
    out[p + 2] = v >>> 8;
    out[p + 3] = v;
  }
}

const MID = new Uint8Array(32);

/** SHA-256 of `data`, 32 bytes. */
export function sha256js(data: Uint8Array): Uint8Array {
  digestInto(data);
  const out = new Uint8Array(32);
  writeState(out);
  return out;
}

/** SHA-256(SHA-256(data)), 32 bytes (internal byte order). */
export function sha256dJs(data: Uint8Array): Uint8Array {
  digestInto(data);
  writeState(MID);
  digestInto(MID);
  const out = new Uint8Array(32);
  writeState(out);
  return out;
}
