/**
 * @module The layout of a coinbase scriptSig, with the pool's own text taken out: where the BIP34
 * height push ends, where the printable tag sits, the bytes between the tag and a merged-mining
 * commitment (the rest of the pool server's own push), the commitment's merkle size and nonce,
 * and how many bytes follow (the extranonce space the stratum server hands out). The tag text
 * itself is deliberately not part of the layout: two pools that carry different tags but build
 * coinbases with the same server software get the same layout. See docs/control.md.
 */
import { findMergedMiningMarkers } from './merged-mining.js';

/** Shortest run of printable ASCII counted as tag text (shorter runs occur by chance in random bytes). */
export const MIN_TAG_RUN = 5;
/** Magic (4) + aux merkle root (32) + merkle size (4) + merkle nonce (4). */
export const MM_COMMITMENT_BYTES = 44;

export interface ScriptSigLayout {
  /** Bytes of the BIP34 height push (1–4), 0 when the scriptSig does not start with a 1–4 byte push. */
  readonly heightPushBytes: number;
  /** Printable tag region [start, end) within the scriptSig (first to last printable run of ≥ MIN_TAG_RUN before any commitment), or null. */
  readonly tag: readonly [number, number] | null;
  /** First merged-mining commitment, or null. */
  readonly mm: { readonly offset: number; readonly size: number | null; readonly nonce: number | null } | null;
  /** Bytes between the height push and the tag (or the commitment, or the end, when there is no tag). */
  readonly pre: number;
  /** Bytes between the tag's end and the commitment's magic; null without tag or commitment. */
  readonly gap: number | null;
  /** Bytes after the commitment (when there is one), else after the tag, else after the height push. */
  readonly tail: number;
  /**
   * Canonical string of the above, e.g. `p1 T g= M16/0 t12` (the family-matching feature). `g=`:
   * the push holding the tag runs on (with non-tag bytes) right up to the commitment, so its exact
   * gap length varies with the tag's length and is not part of the key.
   */
  readonly key: string;
}

function isPrintable(b: number): boolean {
  return b >= 0x20 && b <= 0x7e;
}

/** Pure; never throws (any byte string has a layout). */
export function scriptSigLayout(s: Uint8Array): ScriptSigLayout {
  const first = s.length > 0 ? s[0]! : 0;
  const heightPushBytes = first >= 1 && first <= 4 && s.length >= 1 + first ? first : 0;
  const bodyStart = heightPushBytes === 0 ? 0 : 1 + heightPushBytes;
  const markers = findMergedMiningMarkers(s);
  const m = markers.length > 0 ? markers[0]! : null;
  const tagLimit = m ? m.offset : s.length;
  // A direct push (1–75 bytes) opening the body: its length byte is structure, never tag text.
  const op = bodyStart < s.length ? s[bodyStart]! : 0;
  const pushEnd = op >= 1 && op <= 75 ? bodyStart + 1 + op : -1;
  let tagStart = -1;
  let tagEnd = -1;
  let run = 0;
  for (let i = pushEnd > 0 ? bodyStart + 1 : bodyStart; i < tagLimit; i++) {
    if (isPrintable(s[i]!)) {
      run++;
      if (run >= MIN_TAG_RUN) {
        if (tagStart < 0) tagStart = i - run + 1;
        tagEnd = i + 1;
      }
    } else run = 0;
  }
  // Tags conventionally end in '/': up to 3 printable bytes after the last '/' are extranonce, not tag.
  if (tagStart >= 0) {
    for (let i = tagEnd - 1; i >= Math.max(tagStart, tagEnd - 4); i--) {
      if (s[i] === 0x2f) {
        tagEnd = i + 1;
        break;
      }
    }
  }
  const tag: readonly [number, number] | null = tagStart >= 0 ? [tagStart, tagEnd] : null;
  const pre = (tag ? tag[0] : m ? m.offset : s.length) - bodyStart;
  const gap = tag && m ? m.offset - tag[1] : null;
  // The pool's own push holds the tag and runs up to the commitment: its length is the tag's, not structure.
  const gapKey = gap === null ? null : m && pushEnd === m.offset && tag && tag[1] <= pushEnd && gap > 0 ? '=' : String(gap);
  const tail = m ? Math.max(0, s.length - (m.offset + MM_COMMITMENT_BYTES)) : tag ? s.length - tag[1] : s.length - bodyStart;
  const mm = m ? { offset: m.offset, size: m.merkleSize, nonce: m.merkleNonce } : null;
  let key = heightPushBytes === 0 ? 'h? ' : '';
  key += `p${pre}`;
  if (tag) key += ' T';
  if (gapKey !== null) key += ` g${gapKey}`;
  if (mm) key += ` M${mm.size ?? '-'}/${mm.nonce === null ? '-' : mm.nonce === 0 ? 0 : 'n'}`;
  key += ` t${tail}`;
  return { heightPushBytes, tag, mm, pre, gap, tail, key };
}
