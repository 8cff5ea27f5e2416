/**
 * @module SVG → PNG with librsvg's `rsvg-convert` (Debian package librsvg2-bin), offline. The SVG
 * goes in on stdin, the PNG comes back on stdout.
 */
import { spawn } from 'node:child_process';
import { UsageError } from '../../domain/errors.js';

export const RSVG = 'rsvg-convert';

export function svgToPng(svg: string, opts: { zoom?: number; command?: string } = {}): Promise<Buffer> {
  const command = opts.command ?? RSVG;
  return new Promise((resolve, reject) => {
    const child = spawn(command, ['--format', 'png', '--zoom', String(opts.zoom ?? 2)], { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', (e: NodeJS.ErrnoException) => {
      reject(e.code === 'ENOENT' ? new UsageError(`--png needs ${command} (Debian: apt-get install librsvg2-bin); use --svg instead`) : e);
    });
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new UsageError(`${command} failed (exit ${code}): ${err.trim().split('\n')[0] ?? ''}`));
    });
    child.stdin.on('error', () => undefined); // a missing command closes stdin early; the 'error' event above reports it
    child.stdin.end(svg);
  });
}
