/**
 * The SQL of an append. `s` is the quoted schema. The event rows are their own concurrency guard: events
 * go in at stream positions expected + 1.., and the (stream_id, stream_position) primary key refuses a
 * second writer of the same position (it waits for the first to commit or roll back, then fails), just as
 * the unique event id refuses a stored id. A stream's version is its highest stream position.
 *
 * The fast path (exact expected version or a new stream) is one plain INSERT from the store's own
 * connections. When it inserts nothing (the expected version's event is not there) or hits a unique key,
 * the store asks the `es_append` function, which sorts out duplicate, conflict and retry; callers'
 * connections and the `any` / `stream-exists` forms always go there.
 *
 * Result row: r_outcome 'written' (r_version after the append, r_transaction_id/r_position of its last
 * event), 'duplicate' (every id already stored in this stream: nothing written, the stored version and
 * position) or 'conflict' (r_version is the actual version, NULL when there is no stream).
 * Expected version: n >= 0 exact (0 = the stream must not exist), -1 any, -2 the stream must exist.
 */

const COLUMNS = 'stream_id, stream_position, event_id, event_type, schema_version, data, metadata';

/**
 * The events, at stream positions `base` + 1.., from arrays; `guard` may end the SELECT with a WHERE. Exported for
 * functions that append inside their own statement (the API's keyed append).
 */
export const insertEvents = (s: string, stream: string, base: string, arrays: string, guard = '') => `
    INSERT INTO ${s}.es_events (${COLUMNS})
    SELECT ${stream}, ${base} + e.ord, e.id, e.type, e.version, e.data, e.metadata
      FROM unnest(${arrays}) WITH ORDINALITY AS e(id, type, version, data, metadata, ord)
     ${guard}
    RETURNING global_position`;

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
  v_found int;
  v_found_here int;
  v_found_version bigint;
  v_found_tx xid8;
  v_position bigint;
BEGIN
  -- Each statement reads a fresh snapshot (READ COMMITTED): after losing a race on a unique key, the next
  -- turn sees the winner's events, so an identical concurrent retry lands on 'duplicate', never 'conflict'.
  LOOP
    SELECT count(*)::int,
           count(*) FILTER (WHERE e.stream_id = p_stream_id)::int,
           max(e.stream_position) FILTER (WHERE e.stream_id = p_stream_id)
      INTO v_found, v_found_here, v_found_version
      FROM ${s}.es_events e WHERE e.event_id = ANY (p_ids);
    IF v_found_here = v_count THEN
      SELECT e.transaction_id, e.global_position INTO v_found_tx, v_position
        FROM ${s}.es_events e WHERE e.stream_id = p_stream_id AND e.stream_position = v_found_version;
      RETURN QUERY SELECT 'duplicate'::text, v_found_version, v_found_tx, v_position;
      RETURN;
    END IF;

    SELECT max(e.stream_position) INTO v_current FROM ${s}.es_events e WHERE e.stream_id = p_stream_id;
    IF v_found > 0
       OR (p_expected >= 0 AND p_expected IS DISTINCT FROM coalesce(v_current, 0))
       OR (p_expected = -2 AND v_current IS NULL) THEN
      RETURN QUERY SELECT 'conflict'::text, v_current, NULL::xid8, NULL::bigint;
      RETURN;
    END IF;

    v_current := coalesce(v_current, 0);
    BEGIN
      WITH inserted AS (${insertEvents(s, 'p_stream_id', 'v_current', 'p_ids, p_types, p_schema_versions, p_data, p_metadata')})
      SELECT max(global_position) INTO v_position FROM inserted;
      EXIT;
    EXCEPTION WHEN unique_violation THEN
      -- A concurrent writer took one of the positions or ids first and has committed: look again. Under a
      -- caller's REPEATABLE READ or SERIALIZABLE transaction the next look would see the same snapshot.
      IF current_setting('transaction_isolation') <> 'read committed' THEN RAISE; END IF;
    END;
  END LOOP;
  RETURN QUERY SELECT 'written'::text, v_current + v_count, pg_current_xact_id(), v_position;
END
$fn$;`;

/** The function's call: for the expected-version forms without a fast path, and for callers' connections. */
export const callAppend = (s: string) => `SELECT * FROM ${s}.es_append($1, $2, $3, $4, $5, $6, $7)`;

/**
 * The fast path as a plain statement, for the store's own connections (whose plans cannot turn into
 * sequential scans, see createPostgresEventStore). After an existing stream's version `expected` only
 * when event `expected` is there, so no gap is ever left; no row back means 'ask the function'.
 * `one` takes a single event as scalars ($3..$7): no array to build in Node nor to parse in the server.
 */
export const fastAppend = (s: string, stream: 'existing' | 'new', shape: 'one' | 'many') => {
  const guard =
    stream === 'existing'
      ? `WHERE EXISTS (SELECT 1 FROM ${s}.es_events p WHERE p.stream_id = $1::text AND p.stream_position = $2::bigint)`
      : '';
  if (shape === 'one') {
    // The row reports itself: no CTE, no aggregate.
    return `
  INSERT INTO ${s}.es_events (${COLUMNS})
  SELECT $1::text, $2::bigint + 1, $3::uuid, $4::text, $5::int, $6::jsonb, $7::jsonb ${guard}
  RETURNING 'written'::text AS r_outcome, stream_position AS r_version, transaction_id AS r_transaction_id,
            global_position AS r_position`;
  }
  return `
  WITH inserted AS (${insertEvents(s, '$1::text', '$2::bigint', '$3::uuid[], $4::text[], $5::int[], $6::jsonb[], $7::jsonb[]', guard)})
  SELECT 'written'::text AS r_outcome, ($2::bigint + cardinality($3::uuid[]))::bigint AS r_version,
         pg_current_xact_id() AS r_transaction_id, max(global_position) AS r_position
    FROM inserted HAVING count(*) > 0`;
};
