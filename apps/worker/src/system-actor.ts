import type { Actor } from '@ntm/decider';

/** The actor recorded on events that timers and process managers cause. */
export const systemActor = (process: string): Actor => ({
  id: `system:${process}`,
  name: 'Hệ thống NTM Dossiers',
  role: 'system',
  jurisdiction: {},
});
