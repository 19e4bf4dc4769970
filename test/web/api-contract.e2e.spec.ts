import { RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
// @nestjs/swagger's API_RESPONSE (its constants module is not exported).
const API_RESPONSE = 'swagger/apiResponse';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApiDocument } from '../../apps/api/src/http/swagger';
import { startTestApp, type TestApp } from '../support/harness';

const ROOT = join(__dirname, '../..');
const SCHEMA_FILE = join(ROOT, 'apps/web/src/api/schema.d.ts');
const HEADER =
  "// Generated from the API's OpenAPI document by `npm run api:types` (openapi-typescript). Do not edit.\n\n";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const answers = require(join(ROOT, 'scripts/api-answers.js')) as { generate(): string; OUT: string };

interface Route {
  name: string;
  method: string;
  status: number;
  documented: string[];
  typed: boolean;
}

/** Every route the app serves, with the status it answers and what its OpenAPI metadata says it answers. */
const routesOf = (t: TestApp): Route[] => {
  const routes: Route[] = [];
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const proto = (wrapper.metatype as { prototype?: object } | null)?.prototype;
      if (!proto) continue;
      for (const key of Object.getOwnPropertyNames(proto)) {
        const handler = (proto as Record<string, unknown>)[key];
        if (key === 'constructor' || typeof handler !== 'function') continue;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        const status =
          (Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined) ??
          (method === 'POST' ? 201 : 200);
        const responses = (Reflect.getMetadata(API_RESPONSE, handler) ?? {}) as Record<
          string,
          { schema?: unknown; content?: unknown; type?: unknown }
        >;
        const success = Object.keys(responses).filter((s) => s.startsWith('2'));
        routes.push({
          name: `${(wrapper.metatype as { name: string }).name}.${key}`,
          method,
          status,
          documented: success,
          typed: success.some((s) =>
            Boolean(responses[s].schema ?? responses[s].content ?? responses[s].type),
          ),
        });
      }
    }
  }
  return routes;
};

/**
 * The API's contract, as a client sees it: the OpenAPI document passes Redocly's recommended rules with no error,
 * every route documents the status it really answers and the schema of its body (generated from the handler's
 * own return type, see apps/api/src/http/api-answers.ts), and the web app's typed client is what the document
 * generates. `npm run api:answers` and `npm run api:types` rewrite the two generated files.
 */
describe('the API contract', () => {
  let t: TestApp;
  let doc: OpenAPIObject;
  let dir: string;
  let docFile: string;
  beforeAll(async () => {
    t = await startTestApp('api_contract', { worker: false });
    doc = openApiDocument(t.app);
    dir = mkdtempSync(join(tmpdir(), 'ntm-openapi-'));
    docFile = join(dir, 'openapi.json');
    writeFileSync(docFile, JSON.stringify(doc, null, 2));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  it('the answers schema file is what the answer types generate', () => {
    const fresh = answers.generate();
    if (process.env.API_TYPES === 'write') writeFileSync(answers.OUT, fresh);
    expect(readFileSync(answers.OUT, 'utf8') === fresh).toBe(true);
  });

  it('passes the OpenAPI linter (Redocly, recommended rules) without an error', () => {
    let out: string;
    try {
      out = execFileSync(process.execPath, [join(ROOT, 'scripts/openapi-lint.mjs'), docFile], {
        encoding: 'utf8',
      });
    } catch (e) {
      out = String((e as { stdout?: string }).stdout ?? e);
    }
    const report = JSON.parse(out.trim().split('\n').pop() ?? '{}') as {
      errors: string[];
      warnings: string[];
    };
    expect(report.errors).toEqual([]);
    if (process.env.API_LINT_REPORT) console.log(report.warnings.join('\n'));
    // What is left: public health and configuration reads that cannot fail with a 4xx, and the license URL.
    expect(report.warnings.length).toBeLessThanOrEqual(6);
  });

  it('every route documents the status it answers and the schema of its body', () => {
    const routes = routesOf(t);
    expect(routes.length).toBeGreaterThan(90);
    const wrongStatus = routes.filter(
      (r) => !(r.documented.length === 1 && r.documented[0] === String(r.status)),
    );
    expect(
      wrongStatus.map((r) => `${r.name}: answers ${r.status}, documents ${r.documented.join(',') || '-'}`),
    ).toEqual([]);
    expect(routes.filter((r) => !r.typed).map((r) => r.name)).toEqual([]);
  });

  it('every operation declares its path parameters, its security and its 4xx answers', () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (!['get', 'post', 'put', 'delete', 'patch'].includes(method)) continue;
        const operation = op as {
          parameters?: { in: string; name: string }[];
          security?: unknown[];
          responses: object;
        };
        const declared = (operation.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
        const inPath = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
        expect({ path, params: declared.sort() }).toEqual({ path, params: inPath.sort() });
        expect(operation.security).toBeDefined();
        if (operation.security?.length)
          expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
      }
    }
  });

  it('apps/web/src/api/schema.d.ts is what the OpenAPI document generates', () => {
    // openapi-typescript is an ES module; its CLI runs in a node of its own.
    const cli = join(require.resolve('openapi-typescript/package.json'), '../bin/cli.js');
    const outFile = join(dir, 'schema.d.ts');
    execFileSync(process.execPath, [cli, docFile, '--alphabetize', '-o', outFile], { stdio: 'pipe' });
    const generated = HEADER + readFileSync(outFile, 'utf8');
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
    // A typed client learns the answer of a command and of a read.
    expect(generated).toMatch(/DossierCommandAnswer: components\["schemas"\]\["CommandOutcome"\] & \{/);
    expect(generated).toMatch(/DossierView: \{/);
  });
});
