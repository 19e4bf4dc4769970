// Generates the JSON schemas of the API's answers from their TypeScript types (apps/api/src/http/api-answers.ts),
// for the OpenAPI document. `npm run api:answers` writes the file; the contract test fails when it is stale.
const TJS = require('typescript-json-schema');
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const OUT = join(root, 'apps/api/src/http/api-answers.schema.json');

// The generator writes JSON Schema (draft 7); OpenAPI 3.0 knows a subset: `type: [T, "null"]` and `anyOf` with
// `null` become `nullable`, `const` becomes a one-value `enum`, keywords it lacks go.
const toOpenApi = (node) => {
  if (Array.isArray(node)) return node.map(toOpenApi);
  if (!node || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (['$schema', 'propertyNames', 'definitions'].includes(key)) continue;
    out[key] =
      key === 'properties'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toOpenApi(v)]))
        : toOpenApi(value);
  }
  if (out.patternProperties) {
    // Record<`${number}`, T>: OpenAPI 3.0 has no patterns for keys; the values' schema is what a client needs.
    out.additionalProperties = Object.values(out.patternProperties)[0];
    delete out.patternProperties;
  }
  if (out.const !== undefined) {
    out.enum = [out.const];
    delete out.const;
  }
  if (Array.isArray(out.type)) {
    const types = out.type.filter((t) => t !== 'null');
    if (types.length < out.type.length) out.nullable = true;
    if (types.length === 1) out.type = types[0];
    else {
      delete out.type;
      out.anyOf = types.map((type) => ({ type }));
    }
  }
  if (out.type === 'null') {
    delete out.type;
    out.nullable = true;
    out.enum = [null];
  }
  if (out.$ref && Object.keys(out).length > 1) {
    // A $ref takes no siblings (a property's description): the reference moves into allOf.
    const { $ref, ...rest } = out;
    return { allOf: [{ $ref }], ...rest };
  }
  for (const key of ['anyOf', 'oneOf']) {
    if (!out[key]) continue;
    const rest = out[key].filter(
      (s) => !(s.nullable && s.enum && s.enum.length === 1 && s.enum[0] === null && !s.type),
    );
    if (rest.length === out[key].length) continue;
    out.nullable = true;
    if (rest.length === 1) {
      delete out[key];
      // A $ref takes no siblings in OpenAPI 3.0: wrap it.
      Object.assign(out, rest[0].$ref ? { allOf: [rest[0]] } : rest[0], { nullable: true });
    } else out[key] = rest;
  }
  return out;
};

// OpenAPI 3.0 wants a `type` beside `nullable`: a nullable reference takes its target's type; a nullable union
// lends `nullable` to each of its members.
const typeNullables = (node, definitions) => {
  if (!node || typeof node !== 'object') return;
  // The type a schema stands for: its own, its reference's, or "object" for an intersection of objects.
  const typeOf = (schema, seen = new Set()) => {
    if (!schema) return undefined;
    if (schema.type) return schema.type;
    if (schema.allOf) return schema.allOf.length === 1 ? typeOf(schema.allOf[0], seen) : 'object';
    const ref = schema.$ref?.replace('#/components/schemas/', '');
    if (ref && !seen.has(ref)) return typeOf(definitions[ref], seen.add(ref));
    return undefined;
  };
  if (node.nullable && !node.type) {
    const type = node.allOf ? typeOf({ allOf: node.allOf }) : undefined;
    if (type) node.type = type;
    else {
      const ref = node.allOf?.[0]?.$ref?.replace('#/components/schemas/', '');
      const members = node.anyOf ?? (ref && definitions[ref]?.anyOf);
      if (members) {
        delete node.allOf;
        delete node.nullable;
        node.anyOf = members.map((m) => {
          const t = typeOf(m);
          return t ? { ...(m.$ref ? { allOf: [m] } : m), type: t, nullable: true } : m;
        });
      }
    }
  }
  for (const value of Object.values(node)) typeNullables(value, definitions);
};

const generate = () => {
  const program = TJS.programFromConfig(join(root, 'tsconfig.json'), [
    join(root, 'apps/api/src/http/api-answers.ts'),
  ]);
  // The generator narrates what it infers from expressions on stdout: keep the output for the schema.
  const log = console.log;
  console.log = () => undefined;
  const warn = console.warn;
  console.warn = () => undefined;
  let schema;
  try {
    schema = TJS.generateSchema(program, 'ApiAnswers', {
      required: true,
      ref: true,
      aliasRef: false,
      topRef: true,
      noExtraProps: false,
      ignoreErrors: true,
      strictNullChecks: true,
    });
  } finally {
    console.log = log;
    console.warn = warn;
  }
  // Definitions are named by the generator after the types (generic ones with their arguments): make each name a
  // plain component name and point every reference at OpenAPI's components.
  const names = Object.keys(schema.definitions);
  const plain = new Map(names.map((n) => [n, n.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/_+$/, '')]));
  const text = JSON.stringify(schema.definitions).replace(/"#\/definitions\/([^"]+)"/g, (_, ref) => {
    const name = decodeURIComponent(ref);
    return JSON.stringify(`#/components/schemas/${plain.get(name) ?? name}`);
  });
  const definitions = toOpenApi(JSON.parse(text));
  const out = {};
  for (const n of names.sort()) out[plain.get(n)] = definitions[n];
  typeNullables(out, out);
  const answers = out.ApiAnswers;
  delete out.ApiAnswers;
  return JSON.stringify({ answers: answers.properties, schemas: out }, null, 1) + '\n';
};

if (require.main === module) {
  const text = generate();
  if (process.argv.includes('--check')) {
    if (readFileSync(OUT, 'utf8') !== text) {
      console.error('api-answers.schema.json is stale: run `npm run api:answers` and commit the result');
      process.exit(1);
    }
  } else writeFileSync(OUT, text);
}
module.exports = { generate, OUT };
