/** `nakamoto groups` option errors: the same bounds and messages as GET /api/groups, before any data is read. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../../test/helpers/run-cli.js';

describe('nakamoto groups: bad options', () => {
  it.each([
    [['--min-kappa', '2'], 'nakamoto: invalid --min-kappa: 2 (expected a number in [0, 1])'],
    [['--min-overlap', 'abc'], 'nakamoto: invalid --min-overlap: abc (expected a number in [0, 1])'],
    [['--min-blocks', '0'], 'nakamoto: invalid --min-blocks: 0 (expected an integer in [1, ∞))'],
    [['--min-blocks', '2.5'], 'nakamoto: invalid --min-blocks: 2.5 (expected an integer in [1, ∞))'],
  ])('%j → one line, exit 2', async (args, message) => {
    const r = await runCli(['groups', ...args]);
    expect([r.code, r.err.trim()]).toEqual([2, message]);
    expect(r.out).toBe('');
  });
});
