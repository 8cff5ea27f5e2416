/**
 * @module Read the organisation alias file and version it: the rules version is the first 12 hex
 * digits of the SHA-256 of the file's bytes (= `sha256sum data/aliases/ai-organisations.json | cut -c1-12`).
 */
import { createHash } from 'node:crypto';
import { DecodeError } from '../../domain/errors.js';
import type { OrganisationRules } from '../../decode/epoch-ai/organisation-rules.js';
import { parseOrganisationRules } from '../../decode/epoch-ai/organisation-rules.js';
import { readBytes } from '../files/read-file.js';
import { DEFAULT_ORGANISATION_ALIASES_PATH } from './paths.js';

export interface VersionedOrganisationRules {
  readonly rules: OrganisationRules;
  /** sha256 of the file bytes, first 12 hex digits. */
  readonly rulesVersion: string;
  readonly path: string;
}

export function rulesVersionOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 12);
}

export async function readOrganisationRules(path: string = DEFAULT_ORGANISATION_ALIASES_PATH): Promise<VersionedOrganisationRules> {
  const bytes = await readBytes(path);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (err) {
    throw new DecodeError({ input: path }, 'not valid UTF-8 text', { cause: err });
  }
  return { rules: parseOrganisationRules(text, path), rulesVersion: rulesVersionOf(bytes), path };
}
