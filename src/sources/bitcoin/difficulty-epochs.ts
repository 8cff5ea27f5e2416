/**
 * @module Reading datasets/bitcoin/difficulty-epochs (`difficulty_by_block.csv`); the format, its
 * validation and the lookups are in `decode/bitcoin/difficulty-epochs.ts` (re-exported here).
 */
import { readFileSync } from 'node:fs';
import { SourceError } from '../../domain/errors.js';
import { parseDifficultyEpochs, type DifficultyEpochs } from '../../decode/bitcoin/difficulty-epochs.js';
import { datasetPath } from '../files/datasets-path.js';

export { appendEpochs, difficultyAt, difficultySum, epochIndex, parseDifficultyEpochs, type DifficultyEpochs } from '../../decode/bitcoin/difficulty-epochs.js';

export const DIFFICULTY_EPOCHS_FILE = 'bitcoin/difficulty-epochs/difficulty_by_block.csv';

export function readDifficultyEpochs(env?: Readonly<Record<string, string | undefined>>): DifficultyEpochs {
  const file = datasetPath(DIFFICULTY_EPOCHS_FILE, env);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new SourceError(`cannot read ${file}: ${(err as Error).message} (the shared datasets are needed for difficulty; set NAKAMOTO_DATASETS)`, { cause: err });
  }
  return parseDifficultyEpochs(text, file);
}
