export {
  eventStoreConformance,
  testEvent,
  untilVisible,
  VIETNAMESE_TITLE,
  type OpenEventStore,
} from './conformance';
