import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApiDocument } from '../../apps/api/src/http/swagger';
import { startTestApp, type TestApp } from '../support/harness';

const SCHEMA_FILE = join(__dirname, '../../apps/web/src/api/schema.d.ts');
const HEADER =
  "// Generated from the API's OpenAPI document by `npm run api:types` (openapi-typescript). Do not edit.\n\n";

/**
 * The web app's typed client is generated from the server's OpenAPI document. This test builds the document in
 * process (no server), generates the types and fails when the checked-in file differs: the client never drifts.
 * `npm run api:types` runs it with API_TYPES=write to rewrite the file.
 */
describe('web API client types', () => {
  let t: TestApp;
  beforeAll(async () => (t = await startTestApp('api_types', { worker: false })));
  afterAll(() => t?.close());

  it('apps/web/src/api/schema.d.ts is what the OpenAPI document generates', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ntm-openapi-'));
    let generated: string;
    try {
      const docFile = join(dir, 'openapi.json');
      writeFileSync(docFile, JSON.stringify(openApiDocument(t.app), null, 2));
      // openapi-typescript is an ES module; its CLI runs in a node of its own.
      const cli = join(require.resolve('openapi-typescript/package.json'), '../bin/cli.js');
      const outFile = join(dir, 'schema.d.ts');
      execFileSync(process.execPath, [cli, docFile, '--alphabetize', '-o', outFile], { stdio: 'pipe' });
      generated = HEADER + readFileSync(outFile, 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    if (process.env.API_TYPES === 'write') writeFileSync(SCHEMA_FILE, generated);
    const checkedIn = (() => {
      try {
        return readFileSync(SCHEMA_FILE, 'utf8');
      } catch {
        return '';
      }
    })();
    if (checkedIn !== generated) {
      throw new Error(
        'apps/web/src/api/schema.d.ts is out of date: run `npm run api:types` and commit the result',
      );
    }
    expect(generated).toContain('"/api/v1/dossiers/{id}/self-assessment"');
  });
});
