/**
 * Writes shared/src/code-protocol/test-vectors.json.
 *   npx tsx shared/scripts/generate-test-vectors.ts
 * Output is deterministic; the vitest suite fails if the file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildTestVectors } from './test-vectors.build.ts';

const target = fileURLToPath(new URL('../src/code-protocol/test-vectors.json', import.meta.url));
writeFileSync(target, `${JSON.stringify(buildTestVectors(), null, 2)}\n`);
console.log(`wrote ${target}`);
