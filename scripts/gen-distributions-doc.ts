/** Writes docs/distributions.md from the catalogue. Run: npm run docs:distributions */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderCatalogueMarkdown } from '../src/pipeline/catalogue-doc.js';
import { PROJECT_ROOT } from '../src/sources/files/datasets-path.js';

writeFileSync(join(PROJECT_ROOT, 'docs', 'distributions.md'), renderCatalogueMarkdown());
console.log('wrote docs/distributions.md');
