/**
 * @module Content versions (rule sets, alias files, inputs): hashes, so that a version names exactly the bytes.
 * - one file: the first 12 hex digits of SHA-256 over the file bytes (= `sha256sum file | cut -c1-12`);
 * - several files: SHA-256 over the lines `<label>:<sha256 hex of file>\n` in a fixed label
 *   order (EDI: identifiers, addresses, links; a missing file contributes `<label>:-`).
 */
import { createHash } from 'node:crypto';

export const VERSION_HEX_DIGITS = 12;

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function fileVersion(bytes: Uint8Array): string {
  return sha256Hex(bytes).slice(0, VERSION_HEX_DIGITS);
}

export function multiFileVersion(parts: readonly { label: string; bytes: Uint8Array | null }[]): string {
  const manifest = parts.map((p) => `${p.label}:${p.bytes ? sha256Hex(p.bytes) : '-'}\n`).join('');
  return sha256Hex(manifest).slice(0, VERSION_HEX_DIGITS);
}
