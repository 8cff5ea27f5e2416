/**
 * @module Stream a CSV file (plain or gzip, detected by its magic bytes) row by row without holding
 * the file in memory: chunks are gunzipped and decoded as they arrive and each complete line is
 * split into fields, with the same rules as `scannerFromText` (header = first non-empty line, `\r\n`
 * or `\n`, empty lines skipped, field count checked). Quoted fields are not handled here: a file with
 * a `"` reports `QuotedCsv` so the caller can fall back to the whole-file parser.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { fieldCountError, splitPlainLine } from '../../decode/csv/csv.js';
import { DecodeError, SourceError } from '../../domain/errors.js';

/** The file has quoted fields: read it with the whole-file parser instead. */
export class QuotedCsv extends Error {}

export type RowSink = (fields: readonly string[], line: number) => void;

export interface StreamResult {
  readonly rows: number;
  /** sha256 of the file's bytes as stored (before gunzip), as `nakamoto ingest` records it. */
  readonly sha256: string;
}

function cannotRead(path: string, err: unknown): SourceError {
  const code = (err as NodeJS.ErrnoException).code;
  const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String((err as Error).message);
  return new SourceError(`cannot read ${path}: ${why}`, { cause: err, inputError: code === 'ENOENT' || code === 'EISDIR' });
}

async function isGzip(path: string): Promise<boolean> {
  let fh;
  try {
    fh = await open(path, 'r');
    const b = Buffer.alloc(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return bytesRead === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } catch (err) {
    throw cannotRead(path, err);
  } finally {
    await fh?.close();
  }
}

/**
 * Stream the bytes of `path` (gunzipped when it is gzip) to `onChunk`; returns the sha256 of the
 * stored bytes. Errors name the file: missing or unreadable (SourceError), corrupt gzip (DecodeError);
 * errors thrown by `onChunk` pass through.
 */
export async function streamFileBytes(path: string, onChunk: (chunk: Buffer) => void): Promise<string> {
  const gz = await isGzip(path);
  const raw = createReadStream(path, { highWaterMark: 4 << 20 });
  const hash = createHash('sha256');
  raw.on('data', (b) => hash.update(b as Buffer));
  const source = gz ? raw.pipe(createGunzip({ chunkSize: 4 << 20 })) : raw;
  raw.on('error', (err) => source.destroy(err));
  try {
    for await (const chunk of source as AsyncIterable<Buffer>) onChunk(chunk);
  } catch (err) {
    raw.destroy();
    const code = (err as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && code.startsWith('Z_')) throw new DecodeError({ input: path }, `corrupt or truncated gzip data (${(err as Error).message})`, { cause: err });
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw cannotRead(path, err);
    throw err;
  }
  return hash.digest('hex');
}

/**
 * Stream `path`: `onHeader` receives the header and returns the sink for the body rows (the array
 * passed to the sink is reused between calls: copy what you keep).
 */
export async function streamCsv(path: string, onHeader: (file: { input: string; header: readonly string[] }) => RowSink): Promise<StreamResult> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let rest = '';
  let line = 0;
  let rows = 0;
  let header: string[] | null = null;
  let cols = 0;
  let sink: RowSink | null = null;
  let fields: string[] = [];
  let first = true;

  const lines = (text: string, final: boolean) => {
    if (text.includes('"')) throw new QuotedCsv(path);
    let p = 0;
    for (;;) {
      let nl = text.indexOf('\n', p);
      if (nl < 0) {
        if (!final) break;
        nl = text.length;
        if (p >= nl) break;
      }
      line++;
      let end = nl;
      if (end > p && text.charCodeAt(end - 1) === 13) end--;
      if (end > p) {
        if (header === null) {
          header = text.slice(p, end).split(',').map((h) => h.trim());
          cols = header.length;
          fields = new Array<string>(cols);
          sink = onHeader({ input: path, header });
        } else {
          const k = splitPlainLine(text, p, end, fields, cols);
          if (k !== cols) throw fieldCountError(path, line, header, k);
          sink!(fields, line);
          rows++;
        }
      }
      p = nl + 1;
      if (p > text.length) break;
    }
    rest = p < text.length ? text.slice(p) : '';
  };

  const decode = (chunk: Uint8Array | undefined): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch (err) {
      throw new DecodeError({ input: path, line: line + 1 }, 'not valid UTF-8 text', { cause: err });
    }
  };

  const sha256 = await streamFileBytes(path, (chunk) => {
    let text = decode(chunk);
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    lines(rest + text, false);
  });
  lines(rest + decode(undefined), true);
  if (header === null) throw new DecodeError({ input: path, line: 1 }, 'empty file: expected a header row');
  return { rows, sha256 };
}
