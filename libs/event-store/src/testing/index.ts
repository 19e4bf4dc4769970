export { eventStoreConformance, testEvent, VIETNAMESE_TITLE, type OpenEventStore } from './conformance';
