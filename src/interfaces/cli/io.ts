/**
 * @module What a command may touch: output streams, environment and clock, passed in explicitly
 * so that tests run commands in-process with captured output.
 */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  /** True when stderr is an interactive terminal (progress bars are shown only then). */
  readonly isTTY: boolean;
  readonly now: () => Date;
}

export function processIo(): CliIo {
  return {
    stdout: (t) => void process.stdout.write(t),
    stderr: (t) => void process.stderr.write(t),
    env: process.env,
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY) && !process.env.CI,
    now: () => new Date(),
  };
}

/** An in-memory CliIo for tests: collects what a command prints. */
export function captureIo(env: Record<string, string | undefined> = {}, cwd = process.cwd()): CliIo & { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  return {
    stdout: (t) => { out += t; },
    stderr: (t) => { err += t; },
    env,
    cwd,
    isTTY: false,
    now: () => new Date(),
    out: () => out,
    err: () => err,
  };
}
