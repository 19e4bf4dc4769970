import { createHash } from 'node:crypto';

// Name-based UUID (RFC 9562 v5 layout over SHA-1): the same idempotency key always yields the same
// event ids, so even a retry that slips past the idempotency record is a no-op in the event store.
const NAMESPACE = Buffer.from('6f1c9a52e3b44d1f9a0b7c2d5e8f1a3b', 'hex');

export const deterministicUuid = (name: string): string => {
  const bytes = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};
