/**
 * @module The version of the data a server answers from, by content rather than by path: the
 * sha256 of every file under the datasets folder (and the embedded default and claims files),
 * re-hashed only when a file's size, mtime, ctime or inode changes, and checked at most every
 * `checkEveryMs`; plus the store's version. A refreshed file at the same path gives a new version.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

interface Known {
  readonly signature: string;
  readonly hash: string;
}

// Listing and stat are synchronous: ~130 files take about a millisecond, far less than the same
// calls through the thread pool and promises (this runs every checkEveryMs in a busy server).
function listFiles(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFiles(p));
    else if (e.isFile() || e.isSymbolicLink()) out.push(p);
  }
  return out;
}

/** File hashes by path, shared by every fingerprint in the process (a file is hashed again only when its stat changes). */
const KNOWN = new Map<string, Known>();

/** Content fingerprint of a set of files and folders (folders walked recursively, symlinks followed). */
export class ContentFingerprint {
  readonly #known = KNOWN;
  #last: { at: number; value: Promise<string> } | undefined;
  #refreshing = false;

  constructor(
    private readonly roots: readonly string[],
    private readonly checkEveryMs = 1000,
  ) {}

  /**
   * The fingerprint. The first call computes it; later calls answer the last value at once and,
   * when it is older than checkEveryMs, start a re-check in the background (so a request never
   * waits for the folder walk; a changed file is seen within about checkEveryMs). checkEveryMs = 0
   * re-checks on every call and waits for it.
   */
  value(now = Date.now()): Promise<string> {
    if (this.checkEveryMs <= 0 || !this.#last) {
      const value = this.#compute();
      this.#last = { at: now, value };
      value.catch(() => (this.#last = undefined));
      return value;
    }
    const last = this.#last;
    if (now - last.at >= this.checkEveryMs && !this.#refreshing) {
      this.#refreshing = true;
      // After the current request, not inside it.
      setImmediate(() => {
        const next = this.#compute();
        next
          .then(() => (this.#last = { at: Date.now(), value: next }))
          .catch(() => undefined)
          .finally(() => (this.#refreshing = false));
      });
    }
    return last.value;
  }

  async #fileHash(path: string): Promise<string> {
    const s = statSync(path, { throwIfNoEntry: false });
    if (!s) return 'absent';
    if (s.isDirectory()) return 'dir';
    const signature = `${s.size}|${s.mtimeMs}|${s.ctimeMs}|${s.ino}`;
    const known = this.#known.get(path);
    if (known?.signature === signature) return known.hash;
    let hash: string;
    try {
      hash = sha(await readFile(path));
    } catch {
      hash = 'unreadable';
    }
    this.#known.set(path, { signature, hash });
    return hash;
  }

  async #compute(): Promise<string> {
    const parts: string[] = [];
    for (const root of this.roots) {
      const st = statSync(root, { throwIfNoEntry: false });
      if (!st) {
        parts.push('absent');
        continue;
      }
      const isDir = st.isDirectory();
      const files = isDir ? listFiles(root).sort() : [root];
      const hashes = await Promise.all(files.map((f) => this.#fileHash(f)));
      files.forEach((f, i) => parts.push(`${isDir ? relative(root, f) : ''}:${hashes[i]}`));
      parts.push('|');
    }
    return sha(parts.join('\n'));
  }
}
