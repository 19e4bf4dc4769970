import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

// No Docker or Kubernetes runs here: this keeps deploy/ parseable and holding what deploy/README.md promises.
const ROOT = join(__dirname, '..', '..');
const DEPLOY = join(ROOT, 'deploy');

const yamlFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
  );

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const documentsOf = (file: string): Json[] => {
  const docs = parseAllDocuments(readFileSync(file, 'utf8'), { merge: true, uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [docs];
  for (const d of list) {
    const problems = [...d.errors, ...d.warnings].map((e) => `${file}: ${e.message}`);
    expect(problems).toEqual([]);
  }
  return list.map((d) => d.toJS({ maxAliasCount: -1 }) as Json).filter((d) => d !== null);
};

describe('deploy/', () => {
  it('has only well-formed YAML files (no duplicate keys, no broken anchors)', () => {
    const files = yamlFiles(DEPLOY);
    expect(files.length).toBeGreaterThanOrEqual(4);
    for (const file of files) expect(documentsOf(file).length).toBeGreaterThan(0);
  });

  describe('compose', () => {
    const [compose] = documentsOf(join(DEPLOY, 'compose.yaml'));
    const services = compose.services as Json;

    it('runs 2 api and 2 worker replicas on PostgreSQL by default, EventStoreDB only in its profile', () => {
      expect(services.api.deploy.replicas).toBe(2);
      expect(services.worker.deploy.replicas).toBe(2);
      expect(services.api.environment.EVENT_STORE).toBe('${EVENT_STORE:-postgres}');
      expect(services.eventstoredb.profiles).toEqual(['eventstoredb']);
      expect(services.postgres.profiles).toBeUndefined();
      // Nothing may require the profile's service: it is absent by default.
      for (const [name, service] of Object.entries(services)) {
        const after = (service as Json).depends_on?.eventstoredb;
        if (after) expect([name, after.required]).toEqual([name, false]);
      }
    });

    it('starts in order behind health checks: databases healthy, migrations done, then api and worker', () => {
      for (const name of ['postgres', 'redis', 'eventstoredb', 'api', 'lb'])
        expect([name, services[name].healthcheck?.test]).toEqual([name, expect.anything()]);
      expect(services.api.healthcheck.test.join(' ')).toContain('/api/health/ready');
      for (const name of ['api', 'worker']) {
        expect(services[name].depends_on).toMatchObject({
          migrate: { condition: 'service_completed_successfully' },
          postgres: { condition: 'service_healthy' },
          redis: { condition: 'service_healthy' },
        });
      }
      expect(services.migrate.command).toEqual(['node', 'dist/apps/cli/src/main.js', 'migrate']);
      expect(services.lb.depends_on.api.condition).toBe('service_healthy');
    });

    it('shares documents between replicas and keeps secrets out of the file', () => {
      expect(services.api.environment.DOCUMENT_STORE).toBe('${DOCUMENT_STORE:-postgres}');
      expect(services.api.environment.JWT_SECRET).toMatch(/^\$\{JWT_SECRET:\?/);
      expect(services.api.environment.SURVEY_HMAC_KEY).toMatch(/^\$\{SURVEY_HMAC_KEY:\?/);
      expect(existsSync(join(DEPLOY, 'nginx.conf'))).toBe(true);
    });
  });

  describe('kubernetes', () => {
    const objects = [
      ...documentsOf(join(DEPLOY, 'k8s', 'ntm.yaml')),
      ...documentsOf(join(DEPLOY, 'k8s', 'secret.example.yaml')),
    ];
    const find = (kind: string, name: string) =>
      objects.find((o) => o.kind === kind && o.metadata?.name === name) as Json;

    it('runs 2 api and 2 worker pods with requests and limits', () => {
      for (const name of ['ntm-api', 'ntm-worker']) {
        const deployment = find('Deployment', name);
        expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
        for (const c of deployment.spec.template.spec.containers) {
          expect(c.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
          expect(c.resources.limits).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
          expect(c.envFrom).toEqual([
            { configMapRef: { name: 'ntm-config' } },
            { secretRef: { name: 'ntm-secrets' } },
          ]);
        }
      }
      expect(find('ConfigMap', 'ntm-config').data.EVENT_STORE).toBe('postgres');
    });

    it('probes the api apart: liveness on /api/health/live, readiness on /api/health/ready', () => {
      const [api] = find('Deployment', 'ntm-api').spec.template.spec.containers;
      expect(api.livenessProbe.httpGet.path).toBe('/api/health/live');
      expect(api.readinessProbe.httpGet.path).toBe('/api/health/ready');
      expect(api.startupProbe.httpGet.path).toBe('/api/health/live');
    });

    it('documents the secret with JWT_SECRET and SURVEY_HMAC_KEY', () => {
      const secret = find('Secret', 'ntm-secrets');
      expect(Object.keys(secret.stringData).sort()).toEqual([
        'DATABASE_URL',
        'JWT_SECRET',
        'SURVEY_HMAC_KEY',
      ]);
      expect(secret.stringData.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
    });
  });

  it('builds on Node 24 with a .dockerignore that keeps node_modules and local data out of the context', () => {
    const dockerfile = readFileSync(join(DEPLOY, 'Dockerfile'), 'utf8');
    expect(dockerfile.match(/^FROM .*$/gm)).toEqual(['FROM node:24-slim AS build', 'FROM node:24-slim']);
    const ignored = readFileSync(join(ROOT, '.dockerignore'), 'utf8').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', 'var', '.git', '.env']));
  });
});
