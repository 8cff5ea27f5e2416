/**
 * @module Read the organisation alias file and version it: the rules version is the first 12 hex
 * digits of the SHA-256 of the file's bytes (= `sha256sum data/aliases/ai-organisations.json | cut -c1-12`).
 */
import { fileVersion } from '../../domain/content-version.js';
import type { OrganisationRules } from '../../decode/epoch-ai/organisation-rules.js';
import { parseOrganisationRules } from '../../decode/epoch-ai/organisation-rules.js';
import { decodeUtf8, readBytes } from '../files/read-file.js';
import { DEFAULT_ORGANISATION_ALIASES_PATH } from './paths.js';

export interface VersionedOrganisationRules {
  readonly rules: OrganisationRules;
  /** sha256 of the file bytes, first 12 hex digits. */
  readonly rulesVersion: string;
  readonly path: string;
}

export const rulesVersionOf = fileVersion;

export async function readOrganisationRules(path: string = DEFAULT_ORGANISATION_ALIASES_PATH): Promise<VersionedOrganisationRules> {
  const bytes = await readBytes(path);
  return { rules: parseOrganisationRules(decodeUtf8(bytes, path), path), rulesVersion: fileVersion(bytes), path };
}
