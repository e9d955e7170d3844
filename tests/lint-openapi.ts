// The OpenAPI document as a client generator or a linter sees it: Redocly's recommended ruleset,
// every warning counted as a failure. `npm test` runs it as one step.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openApiDocument } from '../lib/openapi/document';

async function main() {
  const { createConfig, lint } = await import('@redocly/openapi-core');
  const dir = mkdtempSync(path.join(tmpdir(), 'relay-openapi-'));
  const file = path.join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(openApiDocument(), null, 2));
  try {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lint({ ref: file, config });
    for (const p of problems) {
      const where = p.location.map((l) => l.pointer).join(', ');
      console.log(`${p.severity} ${p.ruleId}: ${p.message} (${where})`);
    }
    console.log(`${problems.length} problems in the OpenAPI document (Redocly, recommended)`);
    process.exit(problems.length === 0 ? 0 : 1);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
