// Lints an OpenAPI document with Redocly's recommended rules. Prints one JSON line: { errors, warnings } (each a
// list of "rule: message at pointer"); exits 1 when there is an error. Used by test/web/api-contract.e2e.spec.ts.
import { createConfig, lint } from '@redocly/openapi-core';

const file = process.argv[2];
if (!file) {
  console.error('usage: node scripts/openapi-lint.mjs <openapi.json>');
  process.exit(2);
}
const config = await createConfig({ extends: ['recommended'] });
const problems = await lint({ ref: file, config });
const line = (p) => `${p.ruleId}: ${p.message} at ${p.location?.[0]?.pointer ?? '?'}`;
const errors = problems.filter((p) => p.severity === 'error').map(line);
const warnings = problems.filter((p) => p.severity !== 'error').map(line);
console.log(JSON.stringify({ errors, warnings }));
process.exit(errors.length > 0 ? 1 : 0);
