import { DOSSIER_STREAM_PREFIX } from '@ntm/recognition';
import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ntm/event-store';
import { foldDossiers, type DossierKeyed } from '../dossier-fold';
import { table, type Projector, type Tables } from '../projection';
import type { TableDef } from '../table';
import { placeColumns, placeOf, type DossierPlace } from './location';

export interface QuestionStat {
  question: string;
  satisfied: number;
  answered: number;
  rate: number;
}

/** The latest satisfaction survey of a dossier, with the thresholds of the dossier's procedure. */
export interface SurveyRow extends DossierKeyed, DossierPlace {
  commune_name: string;
  satisfaction_threshold: number;
  coverage_minimum: number;
  households: number | null;
  forms_collected: number | null;
  satisfied: number | null;
  participation_rate: number | null;
  satisfaction_rate: number | null;
  per_question: QuestionStat[];
  source: string | null;
  recorded_at: string | null;
  position: string | null;
}

export const surveysTable: TableDef<SurveyRow> = {
  base: 'rm_surveys',
  columns: {
    dossier_id: 'text',
    version: 'int',
    ...placeColumns,
    commune_name: 'text',
    satisfaction_threshold: 'double precision',
    coverage_minimum: 'double precision',
    households: 'int',
    forms_collected: 'int',
    satisfied: 'int',
    participation_rate: 'double precision',
    satisfaction_rate: 'double precision',
    per_question: 'jsonb',
    source: 'text',
    recorded_at: 'timestamptz',
    position: 'text',
  },
  key: ['dossier_id'],
  indexes: [['province_code', 'district_code'], ['commune_code']],
};

const HANDLES = ['DossierOpened', 'SurveyResultRecorded'] as const;

/** Survey statistics per dossier (and so per commune): households, forms, participation, satisfaction, per question. */
export const surveyStats: Projector = {
  name: 'survey-stats',
  label: 'Kết quả lấy ý kiến',
  // 2: each row carries the dossier's criteria period (reports filter periods on it).
  version: 2,
  handles: HANDLES,
  streamPrefixes: [DOSSIER_STREAM_PREFIX],
  tables: [surveysTable] as TableDef<object>[],
  async apply(events: readonly RecordedEvent[], manager: EntityManager, tables: Tables): Promise<void> {
    await foldDossiers(manager, table(tables, surveysTable), events, new Set(HANDLES), (row, e, r) => {
      if (e.type === 'DossierOpened') {
        if (row) return undefined;
        const rule = e.data.procedure.satisfaction[e.data.level];
        return {
          dossier_id: e.data.dossierId,
          version: 0,
          ...placeOf(e),
          commune_name: e.data.commune.name,
          satisfaction_threshold: rule.threshold,
          coverage_minimum: rule.minimumCoverage,
          households: null,
          forms_collected: null,
          satisfied: null,
          participation_rate: null,
          satisfaction_rate: null,
          per_question: [],
          source: null,
          recorded_at: null,
          position: null,
        };
      }
      if (!row || e.type !== 'SurveyResultRecorded') return undefined;
      const d = e.data;
      return {
        ...row,
        households: d.households,
        forms_collected: d.formsCollected,
        satisfied: d.satisfied,
        participation_rate: d.participationRate,
        satisfaction_rate: d.satisfactionRate,
        per_question: d.perQuestion.map((q) => ({
          question: q.question,
          satisfied: q.satisfied,
          answered: q.answered,
          rate: q.rate,
        })),
        source: d.source,
        recorded_at: d.recordedAt,
        position: r.position,
      };
    });
  },
};
