/**
 * @module Read a local file as bytes or text, transparently gunzipping `.gz` (or gzip magic),
 * with SourceError / DecodeError naming the path when it is missing, unreadable or truncated.
 */
import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { DecodeError, SourceError } from '../../domain/errors.js';

export async function readBytes(path: string): Promise<Buffer> {
  let raw: Buffer;
  try {
    raw = await readFile(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String((err as Error).message);
    throw new SourceError(`cannot read ${path}: ${why}`, { cause: err, inputError: code === 'ENOENT' || code === 'EISDIR' });
  }
  if (raw.length >= 2 && raw[0] === 0x1f && raw[1] === 0x8b) {
    try {
      return gunzipSync(raw);
    } catch (err) {
      throw new DecodeError({ input: path }, `corrupt or truncated gzip data (${(err as Error).message})`, { cause: err });
    }
  }
  return raw;
}

/** Bytes as UTF-8 text with a leading BOM removed. Invalid UTF-8 is an error, not replacement characters. */
export function decodeUtf8(bytes: Uint8Array, input: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    throw new DecodeError({ input }, 'not valid UTF-8 text', { cause: err });
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export async function readText(path: string): Promise<string> {
  return decodeUtf8(await readBytes(path), path);
}
