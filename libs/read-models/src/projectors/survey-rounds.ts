import type { EntityManager } from 'typeorm';
import type { RecordedEvent } from '@ntm/event-store';
import {
  SURVEY_STREAM_PREFIX,
  surveyIdOfStream,
  type BatchDifference,
  type BatchStatus,
  type OpenedSurvey,
  type Register,
  type SurveyEvent,
  type SurveyQuestions,
  type SurveyPeriod,
  type SurveyRule,
  type SurveyStatus,
  type SurveyTally,
} from '@ntm/survey';
import { foldStreamRows } from '../dossier-fold';
import { table, type Projector, type Tables } from '../projection';
import type { TableDef } from '../table';

export interface BatchEntryRow {
  entryNo: number;
  enteredBy: string;
  enteredByName?: string;
  forms: number;
}

/** What the mismatch event of entry `later` said against entry `earlier` (another officer's). */
export interface BatchComparisonRow {
  earlier: number;
  later: number;
  differences: BatchDifference[];
}

/** A paper batch as the Front follows it: who typed it, how many forms, and where two entries disagree. */
export interface BatchRow {
  batchId: string;
  village: string;
  status: BatchStatus;
  /** Each officer's current entry, oldest first. */
  entries: BatchEntryRow[];
  acceptedForms: number | null;
  /** Of the current entries only. */
  comparisons: BatchComparisonRow[];
}

/** Ballots counted so far: how many, never what they say (the answers are read from the tally at closing). */
export interface RoundCounts {
  ballots: number;
  online: number;
  paper: number;
  perVillage: Record<string, number>;
}

/**
 * One survey round. No household token is kept: a ballot only adds to the counts, a paper batch keeps its
 * officers and form counts, and the answers appear with the tally when the survey closes.
 */
export interface SurveyRoundRow {
  survey_id: string;
  /** The round's stream version last applied: replays leave the row as it is. */
  version: number;
  dossier_id: string;
  round: number;
  status: SurveyStatus;
  location: OpenedSurvey['location'];
  questions: SurveyQuestions;
  period: SurveyPeriod;
  /** The survey rule the round is judged by; null for rounds opened before rules were data. */
  rule: SurveyRule | null;
  window_ends_at: string | null;
  coverage_minimum_permille: number;
  satisfaction_threshold_permille: number;
  register: Register | null;
  counts: RoundCounts;
  tally: SurveyTally | null;
  batches: BatchRow[];
  posting: { from: string; until: string; places: string[] } | null;
  position: string;
}

export const surveyRoundsTable: TableDef<SurveyRoundRow> = {
  base: 'rm_survey_rounds',
  columns: {
    survey_id: 'text',
    version: 'int',
    dossier_id: 'text',
    round: 'int',
    status: 'text',
    location: 'jsonb',
    questions: 'jsonb',
    period: 'jsonb',
    rule: 'jsonb',
    window_ends_at: 'text',
    coverage_minimum_permille: 'int',
    satisfaction_threshold_permille: 'int',
    register: 'jsonb',
    counts: 'jsonb',
    tally: 'jsonb',
    batches: 'jsonb',
    posting: 'jsonb',
    position: 'text',
  },
  key: ['survey_id'],
  indexes: [['dossier_id', 'round']],
};

const counted = (
  c: RoundCounts,
  channel: 'online' | 'paper',
  forms: number,
  village: string,
): RoundCounts => ({
  ballots: c.ballots + forms,
  online: c.online + (channel === 'online' ? forms : 0),
  paper: c.paper + (channel === 'paper' ? forms : 0),
  perVillage: { ...c.perVillage, [village]: (c.perVillage[village] ?? 0) + forms },
});

const withBatch = (row: SurveyRoundRow, batchId: string, change: (b: BatchRow) => BatchRow): BatchRow[] =>
  row.batches.map((b) => (b.batchId === batchId ? change(b) : b));

/** The round after one of its events; undefined leaves the row (an event of a round never seen opened). */
export const evolveSurveyRound = (
  row: SurveyRoundRow | undefined,
  event: SurveyEvent,
  recorded: Pick<RecordedEvent, 'streamVersion' | 'position'>,
): SurveyRoundRow | undefined => {
  const stamped = (next: SurveyRoundRow): SurveyRoundRow => ({
    ...next,
    version: recorded.streamVersion,
    position: recorded.position,
  });
  if (event.type === 'SurveyOpened') {
    if (row) return undefined;
    const d = event.data;
    return stamped({
      survey_id: d.surveyId,
      version: 0,
      dossier_id: d.dossierId,
      round: d.round,
      status: 'open',
      location: d.location,
      questions: d.questions,
      period: d.period,
      rule: d.rule ?? null,
      window_ends_at: d.windowEndsAt ?? null,
      coverage_minimum_permille: d.coverageMinimumPermille,
      satisfaction_threshold_permille: d.satisfactionThresholdPermille,
      register: null,
      counts: { ballots: 0, online: 0, paper: 0, perVillage: {} },
      tally: null,
      batches: [],
      posting: null,
      position: '',
    });
  }
  if (!row) return undefined;
  switch (event.type) {
    case 'HouseholdRegisterImported': {
      const { importId, households, villages, tokenScheme = 'per-household' } = event.data;
      return stamped({ ...row, register: { importId, households, villages, tokenScheme } });
    }
    case 'HouseholdRegisterChunkAdded':
      // The households' tokens: not kept here.
      return stamped(row);
    case 'PaperBatchMismatched': {
      const { batchId, entryNo, comparisons } = event.data;
      return stamped({
        ...row,
        batches: withBatch(row, batchId, (b) => ({
          ...b,
          comparisons: [
            ...b.comparisons,
            ...comparisons.map((c) => ({
              earlier: c.entryNo,
              later: entryNo,
              differences: [...c.differences],
            })),
          ],
        })),
      });
    }
    case 'OnlineBallotCast':
      return stamped({ ...row, counts: counted(row.counts, 'online', 1, event.data.village) });
    case 'PaperBatchEntered': {
      const { batchId, village, entryNo, enteredBy, enteredByName, forms } = event.data;
      const known = row.batches.some((b) => b.batchId === batchId);
      const batches = known
        ? row.batches
        : [
            ...row.batches,
            {
              batchId,
              village,
              status: 'awaiting-second-entry' as const,
              entries: [],
              acceptedForms: null,
              comparisons: [],
            },
          ];
      return stamped({
        ...row,
        batches: batches.map((b) => {
          if (b.batchId !== batchId) return b;
          // An officer's new entry replaces their previous one (batch.ts), and what was said about it.
          const entries = [
            ...b.entries.filter((e) => e.enteredBy !== enteredBy),
            { entryNo, enteredBy, ...(enteredByName ? { enteredByName } : {}), forms },
          ];
          const current = new Set(entries.map((e) => e.entryNo));
          return {
            ...b,
            status: entries.length === 1 ? 'awaiting-second-entry' : 'disputed',
            entries,
            comparisons: b.comparisons.filter((c) => current.has(c.earlier) && current.has(c.later)),
          };
        }),
      });
    }
    case 'PaperBatchAccepted': {
      const { batchId, village, agreedEntries, forms } = event.data;
      return stamped({
        ...row,
        counts: counted(row.counts, 'paper', forms, village),
        batches: withBatch(row, batchId, (b) => ({
          ...b,
          status: 'accepted',
          acceptedForms: b.entries.find((e) => e.entryNo === agreedEntries[1])?.forms ?? forms,
        })),
      });
    }
    case 'SurveyClosed':
      return stamped({ ...row, status: 'closed', tally: event.data.tally });
    case 'SurveyResultPosted': {
      const { from, until, places } = event.data;
      return stamped({ ...row, status: 'posted', posting: { from, until, places: [...places] } });
    }
  }
};

/** Every round of every survey: the rounds of a dossier, their participation, batches and, once closed, result. */
export const surveyRounds: Projector = {
  name: 'survey-rounds',
  label: 'Các đợt lấy ý kiến',
  // 2: batch entries keep the officer's name.
  version: 2,
  // Every event of a round, the register's chunks too: a round's version is its stream's.
  handles: [
    'SurveyOpened',
    'HouseholdRegisterImported',
    'HouseholdRegisterChunkAdded',
    'OnlineBallotCast',
    'PaperBatchEntered',
    'PaperBatchAccepted',
    'PaperBatchMismatched',
    'SurveyClosed',
    'SurveyResultPosted',
  ] satisfies SurveyEvent['type'][],
  streamPrefixes: [SURVEY_STREAM_PREFIX],
  tables: [surveyRoundsTable] as TableDef<object>[],
  async apply(events: readonly RecordedEvent[], manager: EntityManager, tables: Tables): Promise<void> {
    await foldStreamRows(
      manager,
      table(tables, surveyRoundsTable),
      events,
      { prefix: SURVEY_STREAM_PREFIX, idOf: surveyIdOfStream, keyOf: (r) => r.survey_id },
      evolveSurveyRound,
    );
  },
};
