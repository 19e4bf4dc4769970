/**
 * The SQL of an append. `s` is the quoted schema. The fast path (exact expected version or a new stream,
 * none of the ids stored yet) is one statement: claim the stream row, insert the events, return the
 * 'written' row. It runs inside the `es_append` function and, for the store's own connections, as a plain
 * statement in front of it (no PL/pgSQL call on the common path; the function is reached in the same round
 * trip only when the fast path claims nothing).
 *
 * Result row: r_outcome 'written' (r_version after the append, r_transaction_id/r_position of its last
 * event), 'duplicate' (every id already stored in this stream: nothing written, the stored version and
 * position) or 'conflict' (r_version is the actual version, NULL when there is no stream).
 * Expected version: n >= 0 exact (0 = the stream must not exist), -1 any, -2 the stream must exist.
 */

/** Where the append's inputs come from: the function's parameters, or a statement's placeholders. */
interface Inputs {
  readonly stream: string;
  readonly expected: string;
  readonly ids: string;
  readonly types: string;
  readonly versions: string;
  readonly data: string;
  readonly metadata: string;
  readonly count: string;
}

const PARAMETERS: Inputs = {
  stream: 'p_stream_id',
  expected: 'p_expected',
  ids: 'p_ids',
  types: 'p_types',
  versions: 'p_schema_versions',
  data: 'p_data',
  metadata: 'p_metadata',
  count: 'v_count',
};

const PLACEHOLDERS: Inputs = {
  stream: '$1::text',
  expected: '$2::bigint',
  ids: '$3::uuid[]',
  types: '$4::text[]',
  versions: '$5::int[]',
  data: '$6::jsonb[]',
  metadata: '$7::jsonb[]',
  count: 'cardinality($3::uuid[])',
};

const noIdStored = (s: string, i: Inputs) =>
  `NOT EXISTS (SELECT 1 FROM ${s}.es_events e WHERE e.event_id = ANY (${i.ids}))`;

/** The events, at stream positions `base` + 1.., for every row `source` yields (one or none). */
const insertEvents = (s: string, i: Inputs, source: string, base: string) => `
    INSERT INTO ${s}.es_events (stream_id, stream_position, event_id, event_type, schema_version, data, metadata)
    SELECT ${i.stream}, ${base} + e.ord, e.id, e.type, e.version, e.data, e.metadata
      FROM ${source}, unnest(${i.ids}, ${i.types}, ${i.versions}, ${i.data}, ${i.metadata})
                      WITH ORDINALITY AS e(id, type, version, data, metadata, ord)
    RETURNING global_position`;

/** The 'written' row when `inserted` inserted anything; no row otherwise. */
const written = (i: Inputs, base: string) => `
    SELECT 'written'::text AS r_outcome, (${base} + ${i.count})::bigint AS r_version,
           pg_current_xact_id() AS r_transaction_id, max(global_position) AS r_position
      FROM inserted HAVING count(*) > 0`;

/** `claimed` (the stream row, at the expected version or created) and `inserted`, as WITH items. */
const fastPath = (s: string, i: Inputs, stream: 'existing' | 'new') => {
  const claim =
    stream === 'existing'
      ? `UPDATE ${s}.es_streams SET version = ${i.expected} + ${i.count}, updated_at = now()
          WHERE stream_id = ${i.stream} AND version = ${i.expected} AND ${noIdStored(s, i)}
         RETURNING 1`
      : `INSERT INTO ${s}.es_streams (stream_id, version)
         SELECT ${i.stream}, ${i.count} WHERE ${noIdStored(s, i)}
         ON CONFLICT DO NOTHING
         RETURNING 1`;
  return `claimed AS (${claim}), inserted AS (${insertEvents(s, i, 'claimed', stream === 'existing' ? i.expected : '0')})`;
};

/**
 * The whole append. Anything the fast path cannot take goes the careful way, which locks the stream row
 * first: a writer that waited for that lock sees, in its next statement, the events of the writer it waited
 * for (READ COMMITTED takes a new snapshot per statement), so an identical concurrent retry lands on
 * 'duplicate', never on 'conflict'.
 */
export const appendFunction = (s: string) => `
CREATE OR REPLACE FUNCTION ${s}.es_append(
  p_stream_id text,
  p_expected bigint,
  p_ids uuid[],
  p_types text[],
  p_schema_versions int[],
  p_data jsonb[],
  p_metadata jsonb[]
) RETURNS TABLE (r_outcome text, r_version bigint, r_transaction_id xid8, r_position bigint)
LANGUAGE plpgsql
-- Every statement here is a key lookup. Plans are kept for the session, so a plan made while the tables
-- were small must not be a sequential scan that goes on being used once they hold millions of rows.
SET plan_cache_mode = force_generic_plan
SET enable_seqscan = off
AS $fn$
DECLARE
  v_count int := cardinality(p_ids);
  v_current bigint;
  v_exists boolean;
  v_found int;
  v_found_here int;
  v_found_version bigint;
  v_found_tx xid8;
  v_found_position bigint;
BEGIN
  IF p_expected > 0 THEN
    RETURN QUERY WITH ${fastPath(s, PARAMETERS, 'existing')} ${written(PARAMETERS, 'p_expected')};
    IF FOUND THEN RETURN; END IF;
  ELSIF p_expected = 0 THEN
    RETURN QUERY WITH ${fastPath(s, PARAMETERS, 'new')} ${written(PARAMETERS, '0')};
    IF FOUND THEN RETURN; END IF;
  END IF;

  LOOP
    SELECT st.version INTO v_current FROM ${s}.es_streams st WHERE st.stream_id = p_stream_id FOR UPDATE;
    v_exists := FOUND;

    SELECT count(*)::int,
           count(*) FILTER (WHERE e.stream_id = p_stream_id)::int,
           max(e.stream_position) FILTER (WHERE e.stream_id = p_stream_id)
      INTO v_found, v_found_here, v_found_version
      FROM ${s}.es_events e WHERE e.event_id = ANY (p_ids);
    IF v_found_here = v_count THEN
      SELECT e.transaction_id, e.global_position INTO v_found_tx, v_found_position
        FROM ${s}.es_events e WHERE e.stream_id = p_stream_id AND e.stream_position = v_found_version;
      RETURN QUERY SELECT 'duplicate'::text, v_found_version, v_found_tx, v_found_position;
      RETURN;
    END IF;
    IF v_found > 0
       OR (p_expected >= 0 AND p_expected IS DISTINCT FROM coalesce(v_current, 0))
       OR (p_expected = -2 AND NOT v_exists) THEN
      RETURN QUERY SELECT 'conflict'::text, v_current, NULL::xid8, NULL::bigint;
      RETURN;
    END IF;

    IF v_exists THEN
      UPDATE ${s}.es_streams SET version = v_current + v_count, updated_at = now() WHERE stream_id = p_stream_id;
      EXIT;
    END IF;
    INSERT INTO ${s}.es_streams (stream_id, version) VALUES (p_stream_id, v_count) ON CONFLICT DO NOTHING;
    IF FOUND THEN
      v_current := 0;
      EXIT;
    END IF;
    -- Another writer created the stream after our lookup and has committed: look again.
  END LOOP;

  RETURN QUERY
  WITH inserted AS (${insertEvents(s, PARAMETERS, '(SELECT 1) AS one', 'v_current')})
  ${written(PARAMETERS, 'v_current')};
END
$fn$;`;

/** The function's call, for the expected-version forms without a fast path and for callers' connections. */
export const callAppend = (s: string) => `SELECT * FROM ${s}.es_append($1, $2, $3, $4, $5, $6, $7)`;

/**
 * One round trip from the store's own connections (whose plans cannot turn into sequential scans, see
 * createPostgresEventStore): the fast path as a plain statement, and the function, in the same statement,
 * only when the fast path claimed nothing. The function is never run after a fast-path write: its branch
 * is gated by a one-time filter on `fast`.
 */
export const fastAppend = (s: string, stream: 'existing' | 'new') => `
  WITH ${fastPath(s, PLACEHOLDERS, stream)},
  fast AS (${written(PLACEHOLDERS, stream === 'existing' ? PLACEHOLDERS.expected : '0')})
  SELECT * FROM fast
  UNION ALL
  SELECT * FROM ${s}.es_append($1, $2, $3, $4, $5, $6, $7) WHERE NOT EXISTS (SELECT 1 FROM fast)`;
