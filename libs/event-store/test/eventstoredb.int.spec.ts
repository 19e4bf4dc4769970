import { createEventStoreDbEventStore } from '../src/eventstoredb';
import { eventStoreConformance } from '../src/testing';

// No EventStoreDB runs on the development machines: the suite runs where EVENTSTOREDB_URL names one
// (e.g. esdb://127.0.0.1:2113?tls=false from deploy/), and is reported as skipped elsewhere.
const url = process.env.EVENTSTOREDB_URL;

if (url) {
  describe('EventStoreDB event store: conformance', () => {
    eventStoreConformance((upcasters) => createEventStoreDbEventStore({ connectionString: url, upcasters }));
  });
} else {
  describe.skip('EventStoreDB event store', () => {
    it.skip('skipped: EVENTSTOREDB_URL not set', () => undefined);
  });
}
