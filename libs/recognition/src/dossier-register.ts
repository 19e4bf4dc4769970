import { conflict, type Command, type Decider, type DomainEvent } from '@ntm/decider';
import type { Level, Period } from '@ntm/criteria';

/**
 * Two small streams that keep dossiers apart without a lock:
 * - the code sequence of a province and year ("06-2026-0007"): one event per allocated code, appended with the
 *   expected version, so two concurrent openings can never take the same number;
 * - the slot of a commune, level and period: one open dossier at a time, reserved by appending with the
 *   expected version and released when the dossier is withdrawn, refused or revoked.
 */

export const dossierCodeStreamId = (provinceCode: string, year: number): string =>
  `dossier-codes-${provinceCode}-${year}`;

export const dossierSlotStreamId = (communeCode: string, level: Level, period: Period): string =>
  `dossier-slot-${communeCode}-${level}-${period}`;

/** "06-2026-0007". */
export const formatDossierCode = (provinceCode: string, year: number, sequence: number): string =>
  `${provinceCode}-${year}-${String(sequence).padStart(4, '0')}`;

// ---------------------------------------------------------------------------------------------------------------
// Codes.

export type DossierCodeCommand = Command<
  'AllocateDossierCode',
  { readonly dossierId: string; readonly provinceCode: string; readonly year: number }
>;
export type DossierCodeEvent = DomainEvent<
  'DossierCodeAllocated',
  {
    readonly dossierId: string;
    readonly code: string;
    readonly sequence: number;
    readonly allocatedAt: string;
  }
>;
export interface DossierCodes {
  readonly last: number;
  readonly byDossier: Readonly<Record<string, string>>;
}

export const dossierCodeDecider: Decider<DossierCodeCommand, DossierCodeEvent, DossierCodes> = {
  initialState: () => ({ last: 0, byDossier: {} }),
  evolve: (s, e) => ({
    last: e.data.sequence,
    byDossier: { ...s.byDossier, [e.data.dossierId]: e.data.code },
  }),
  decide: ({ data, metadata }, s) => {
    // A retried allocation for the same dossier keeps its first code.
    if (s.byDossier[data.dossierId]) return [];
    const sequence = s.last + 1;
    return [
      {
        type: 'DossierCodeAllocated',
        data: {
          dossierId: data.dossierId,
          code: formatDossierCode(data.provinceCode, data.year, sequence),
          sequence,
          allocatedAt: metadata.now,
        },
      },
    ];
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Slots.

export type DossierSlotCommand =
  | Command<'ReserveDossierSlot', { readonly dossierId: string; readonly communeName: string }>
  | Command<'ReleaseDossierSlot', { readonly dossierId: string; readonly reason: string }>;

export type DossierSlotEvent =
  | DomainEvent<'DossierSlotReserved', { readonly dossierId: string; readonly reservedAt: string }>
  | DomainEvent<
      'DossierSlotReleased',
      { readonly dossierId: string; readonly reason: string; readonly releasedAt: string }
    >;

export interface DossierSlot {
  readonly holder: string | null;
}

export const dossierSlotDecider: Decider<DossierSlotCommand, DossierSlotEvent, DossierSlot> = {
  initialState: () => ({ holder: null }),
  evolve: (_s, e) => ({ holder: e.type === 'DossierSlotReserved' ? e.data.dossierId : null }),
  decide: (command, s) => {
    const { now } = command.metadata;
    if (command.type === 'ReleaseDossierSlot') {
      if (s.holder !== command.data.dossierId) return [];
      return [
        {
          type: 'DossierSlotReleased',
          data: { dossierId: command.data.dossierId, reason: command.data.reason, releasedAt: now },
        },
      ];
    }
    if (s.holder === command.data.dossierId) return [];
    if (s.holder !== null) {
      throw conflict(
        'DOSSIER_ALREADY_OPEN',
        `${command.data.communeName} đã có hồ sơ đang xét cho mức và giai đoạn này (hồ sơ ${s.holder}); mỗi xã chỉ có một hồ sơ đang mở`,
      );
    }
    return [{ type: 'DossierSlotReserved', data: { dossierId: command.data.dossierId, reservedAt: now } }];
  },
};
