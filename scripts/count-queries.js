// Counts the PostgreSQL round trips a server process makes, by HTTP route, for the HTTP bench:
//   BENCH_HTTP_NODE_ARGS="-r ./scripts/count-queries.js" node dist/bench/run.js http
// Each server process writes, when stopped, $COUNT_QUERIES_DIR (default /tmp)/queries.<pid>.txt: requests by
// route ("REQ ...") and queries by route and the statement's first 45 characters, most first.
const { AsyncLocalStorage } = require('node:async_hooks');
const { writeFileSync } = require('node:fs');
const http = require('node:http');
const { join } = require('node:path');
const pg = require('pg');

const counts = new Map();
const route = new AsyncLocalStorage();
const count = (key) => counts.set(key, (counts.get(key) ?? 0) + 1);

const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (config, ...rest) {
  const text = typeof config === 'string' ? config : (config?.text ?? '');
  count(`${route.getStore() ?? '(no request)'} :: ${text.replace(/\s+/g, ' ').trim().slice(0, 45)}`);
  return query.call(this, config, ...rest);
};

const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req, ...rest) {
  if (event !== 'request') return emit.call(this, event, req, ...rest);
  const key = `${req.method} ${req.url.replace(/[0-9a-f-]{36}/g, ':id').replace(/\?.*/, '')}`;
  count(`REQ ${key}`);
  return route.run(key, () => emit.call(this, event, req, ...rest));
};

process.once('SIGTERM', () => {
  const lines = [...counts].sort((a, b) => b[1] - a[1]).map(([key, n]) => `${n}\t${key}`);
  writeFileSync(
    join(process.env.COUNT_QUERIES_DIR ?? '/tmp', `queries.${process.pid}.txt`),
    lines.join('\n'),
  );
  process.exit(0);
});
