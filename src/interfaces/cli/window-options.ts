/**
 * @module Shared window options on the command line (`--window --step --anchor --from --to --partial --at`).
 */
import type { Command } from 'commander';

export type { WindowRequest as WindowOptions } from '../../pipeline/queries/window-request.js';

export function addWindowOptions(cmd: Command, defaultWindow = '30d'): Command {
  return cmd
    .option('--window <size>', 'window length: Nd days, Nw weeks, Nm calendar months, Nq quarters, Ny calendar years, Nb blocks', defaultWindow)
    .option('--step <size>', 'distance between window starts (default: the window length, i.e. tumbling windows; smaller = sliding)')
    .option('--anchor <date|height>', 'start of one window (sets the phase): a UTC date YYYY-MM-DD, or a height for block windows (default: start of the data or --from)')
    .option('--from <date|height>', 'first day (UTC, inclusive) or height to cover')
    .option('--to <date|height>', 'end day (UTC, exclusive) or height to cover')
    .option('--partial', 'also print a last window that runs past the end of the data (default: complete windows only)')
    .option('--at <date>', 'one window only: the one ending with this UTC day (inclusive), e.g. --window 1y --at 2025-12-31 = calendar 2025');
}
