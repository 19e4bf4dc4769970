import type { EventMetadata, Position, RecordedEvent, Upcaster } from './port';

/** An event as an adapter finds it in storage, before upcasting. */
export interface StoredEvent {
  readonly eventId: string;
  readonly type: string;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly position: Position;
  readonly recordedAt: Date;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: Record<string, unknown>;
}

export interface Upcast {
  readonly data: unknown;
  readonly schemaVersion: number;
}

/**
 * Raises stored event shapes to the newest one, one version at a time, on every read path.
 * Stored events are never rewritten.
 */
export class UpcasterChain {
  private readonly byType = new Map<string, Map<number, Upcaster['upcast']>>();

  constructor(upcasters: readonly Upcaster[] = []) {
    for (const upcaster of upcasters) {
      if (!Number.isSafeInteger(upcaster.fromVersion) || upcaster.fromVersion < 1) {
        throw new Error(`Upcaster for ${upcaster.eventType}: fromVersion must be an integer >= 1`);
      }
      const steps = this.byType.get(upcaster.eventType) ?? new Map<number, Upcaster['upcast']>();
      if (steps.has(upcaster.fromVersion)) {
        throw new Error(`Two upcasters for ${upcaster.eventType} from version ${upcaster.fromVersion}`);
      }
      steps.set(upcaster.fromVersion, upcaster.upcast);
      this.byType.set(upcaster.eventType, steps);
    }
    // A gap would leave old events stuck at a middle version without anyone noticing.
    for (const [eventType, steps] of this.byType) {
      const versions = [...steps.keys()].sort((a, b) => a - b);
      versions.forEach((version, i) => {
        if (i > 0 && version !== versions[i - 1] + 1) {
          throw new Error(`Upcasters for ${eventType} skip from version ${versions[i - 1]} to ${version}`);
        }
      });
    }
  }

  apply(eventType: string, schemaVersion: number, data: unknown): Upcast {
    const steps = this.byType.get(eventType);
    if (!steps) return { data, schemaVersion };
    let version = schemaVersion;
    let current = data;
    for (let step = steps.get(version); step; step = steps.get(version)) {
      current = step(current);
      version += 1;
    }
    return { data: current, schemaVersion: version };
  }

  /** The event as readers see it: newest shape, and metadata.schemaVersion telling which. */
  toRecorded(stored: StoredEvent): RecordedEvent {
    const { data, schemaVersion } = this.apply(stored.type, stored.schemaVersion, stored.data);
    return {
      eventId: stored.eventId,
      type: stored.type,
      streamId: stored.streamId,
      streamVersion: stored.streamVersion,
      position: stored.position,
      recordedAt: stored.recordedAt,
      data,
      metadata: { ...stored.metadata, schemaVersion } as EventMetadata,
    };
  }
}
