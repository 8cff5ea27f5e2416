/**
 * @module Serialize small valid-format blocks: a coinbase transaction (with a BIP34 height push,
 * optional segwit witness) and a header whose merkle root and proof of work are real (the nonce is
 * ground until the hash meets `bits`). For tests and tools that need chains of linked blocks;
 * use easy targets such as regtest's 0x207fffff.
 */
import { sha256d } from './hash.js';
import { hashFromHex } from './hex.js';
import { meetsTarget } from './header.js';
import { merkleRoot } from './merkle.js';

class ByteWriter {
  private readonly parts: number[] = [];
  u8(v: number): this {
    this.parts.push(v & 0xff);
    return this;
  }
  u32(v: number): this {
    for (let i = 0; i < 4; i++) this.parts.push((v >>> (8 * i)) & 0xff);
    return this;
  }
  u64(v: bigint): this {
    for (let i = 0n; i < 8n; i++) this.parts.push(Number((v >> (8n * i)) & 0xffn));
    return this;
  }
  varint(n: number): this {
    if (n < 0xfd) return this.u8(n);
    if (n <= 0xffff) return this.u8(0xfd).u8(n).u8(n >>> 8);
    return this.u8(0xfe).u32(n);
  }
  bytes(b: Uint8Array): this {
    for (const x of b) this.parts.push(x);
    return this;
  }
  varBytes(b: Uint8Array): this {
    return this.varint(b.length).bytes(b);
  }
  done(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

/** `CScript() << height` as Bitcoin Core writes it for BIP34 (height >= 17: minimal LE push). */
export function heightPush(height: number): Uint8Array {
  if (height === 0) return Uint8Array.of(0x00);
  if (height <= 16) return Uint8Array.of(0x50 + height);
  const out: number[] = [];
  for (let h = height; h > 0; h = Math.floor(h / 256)) out.push(h % 256);
  if (out[out.length - 1]! & 0x80) out.push(0);
  return Uint8Array.from([out.length, ...out]);
}

export interface CoinbaseSpec {
  readonly height?: number;
  /** Extra scriptSig bytes after the height push (tags, merged-mining markers). */
  readonly extra?: Uint8Array;
  readonly outputs: readonly { readonly valueSats: bigint; readonly script: Uint8Array }[];
  /** Serialize with marker/flag and a witness of one 32-byte reserved value (BIP141). */
  readonly segwit?: boolean;
  readonly version?: number;
  /** Input sequence; default 0xffffffff (some pools used 0). */
  readonly sequence?: number;
  readonly lockTime?: number;
}

function serializeCoinbase(spec: CoinbaseSpec, withWitness: boolean): Uint8Array {
  const w = new ByteWriter().u32(spec.version ?? 1);
  if (withWitness) w.u8(0).u8(1);
  const head = spec.height === undefined ? new Uint8Array(0) : heightPush(spec.height);
  const scriptSig = new Uint8Array([...head, ...(spec.extra ?? [])]);
  w.varint(1).bytes(new Uint8Array(32)).u32(0xffffffff).varBytes(scriptSig).u32(spec.sequence ?? 0xffffffff);
  w.varint(spec.outputs.length);
  for (const o of spec.outputs) w.u64(o.valueSats).varBytes(o.script);
  if (withWitness) w.varint(1).varBytes(new Uint8Array(32));
  return w.u32(spec.lockTime ?? 0).done();
}

/** The serialized coinbase and its txid (SHA-256d of the serialization without witness, internal order). */
export function buildCoinbaseTx(spec: CoinbaseSpec): { bytes: Uint8Array; txid: Uint8Array } {
  const stripped = serializeCoinbase(spec, false);
  return { bytes: spec.segwit ? serializeCoinbase(spec, true) : stripped, txid: sha256d(stripped) };
}

export interface HeaderSpec {
  readonly version: number;
  /** Display-order hex. */
  readonly prevHash: string;
  readonly timeSec: number;
  readonly bits: number;
  readonly nonce?: number;
  /** Grind the nonce (from `nonce`) until the hash meets `bits`. Default true. */
  readonly mine?: boolean;
}

/** Header + transactions, merkle root computed from their txids. */
export function buildBlock(header: HeaderSpec, txs: readonly { bytes: Uint8Array; txid: Uint8Array }[]): Uint8Array {
  const root = merkleRoot(txs.map((t) => t.txid)).root;
  const head = new ByteWriter().u32(header.version).bytes(hashFromHex(header.prevHash)).bytes(root).u32(header.timeSec).u32(header.bits).u32(0).done();
  const view = new DataView(head.buffer);
  let nonce = header.nonce ?? 0;
  for (;;) {
    view.setUint32(76, nonce >>> 0, true);
    if (header.mine === false || meetsTarget(sha256d(head), header.bits)) break;
    nonce++;
    if (nonce > 0xffffffff) throw new Error('no nonce meets the target: use easier bits');
  }
  const body = new ByteWriter().varint(txs.length);
  for (const t of txs) body.bytes(t.bytes);
  return new Uint8Array([...head, ...body.done()]);
}
