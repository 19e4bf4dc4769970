export * from './port';
export * from './errors';
export * from './postgres';
export type { EventStoreDbEventStoreOptions } from './eventstoredb';
export * from './factory';
export { decodePair, encodePair } from './position-codec';
