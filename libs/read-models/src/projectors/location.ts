import type { DossierEvent, EventOf } from '@ntm/recognition';

/** Where a dossier sits and what it is for: copied onto every row of a report so filters need no join. */
export interface DossierPlace {
  province_code: string;
  district_code: string | null;
  commune_code: string;
  level: string;
  /** Năm xét: the year the dossier is for. Not its criteria period (a 2021-2025 dossier may be of 2026). */
  year: number;
  /**
   * Giai đoạn: the period of the criteria set the dossier is judged under, recorded when it was opened. Every
   * report filters periods on this, never on `year`: a plan's targets count recognitions by it.
   */
  criteria_period: string;
}

export const placeOf = ({ data }: EventOf<'DossierOpened'>): DossierPlace => ({
  province_code: data.commune.provinceCode,
  district_code: data.commune.districtCode ?? null,
  commune_code: data.commune.communeCode,
  level: data.level,
  year: data.year,
  criteria_period: data.period,
});

export const pickPlace = (row: DossierPlace): DossierPlace => ({
  province_code: row.province_code,
  district_code: row.district_code,
  commune_code: row.commune_code,
  level: row.level,
  year: row.year,
  criteria_period: row.criteria_period,
});

export const placeColumns = {
  province_code: 'text',
  district_code: 'text',
  commune_code: 'text',
  level: 'text',
  year: 'int',
  criteria_period: 'text',
} as const;

/** The instant at which an event ends the dossier's flow (no step waits any more), or null. */
export const flowEndedAt = (e: DossierEvent): string | null => {
  switch (e.type) {
    case 'RecognitionRefused':
      return e.data.refusedAt;
    case 'DossierFoundNotEligible':
      return e.data.decidedAt;
    case 'RecognitionAnnounced':
      return e.data.announcedAt;
    case 'DossierWithdrawn':
      return e.data.withdrawnAt;
    case 'RecognitionRevoked':
      return e.data.revokedAt;
    case 'RevocationAssessed':
      return e.data.due ? null : e.data.assessedAt;
    default:
      return null;
  }
};
