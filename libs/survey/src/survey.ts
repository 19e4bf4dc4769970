import type { Decider } from '@ntm/decider';
import { decideOnlineBallot, decidePaperBatch } from './ballots';
import { decideClose, decidePost } from './close';
import { addCounts, countsOfAnswers, zeroCounts } from './counts';
import { GrowOnlyIndex } from './grow-only-index';
import { decideImportRegister, decideOpen } from './open';
import type {
  BatchEntry,
  OpenedSurvey,
  QuestionCounts,
  RunningCounts,
  SurveyCommand,
  SurveyEvent,
  SurveyRoundSummary,
  SurveyState,
} from './types';

export const initialState = (): SurveyState => ({ status: 'none' });

export const decide = (command: SurveyCommand, state: SurveyState): SurveyEvent[] => {
  switch (command.type) {
    case 'OpenSurvey':
      return decideOpen(command, state);
    case 'ImportHouseholdRegister':
      return decideImportRegister(command, state);
    case 'CastOnlineBallot':
      return decideOnlineBallot(command, state);
    case 'EnterPaperBatch':
      return decidePaperBatch(command, state);
    case 'CloseSurvey':
      return decideClose(command, state);
    case 'PostSurveyResult':
      return decidePost(command, state);
    default: {
      const unknown: never = command;
      throw new Error(`Unknown survey command ${(unknown as SurveyCommand).type}`);
    }
  }
};

/** A stored event on a stream that was never opened means a corrupt stream, not a user error. */
const opened = (state: SurveyState, type: string): OpenedSurvey => {
  if (state.status === 'none') throw new Error(`Survey event ${type} before SurveyOpened`);
  return state;
};

const countBallots = (
  counts: RunningCounts,
  channel: 'online' | 'paper',
  forms: number,
  village: string,
  added: readonly QuestionCounts[],
): RunningCounts => {
  const before = counts.perVillage.get(village) ?? { ballots: 0, satisfied: 0 };
  return {
    ballots: counts.ballots + forms,
    online: counts.online + (channel === 'online' ? forms : 0),
    paper: counts.paper + (channel === 'paper' ? forms : 0),
    perQuestion: addCounts(counts.perQuestion, added),
    // The overall question is first in every counts list.
    perVillage: new Map(counts.perVillage).set(village, {
      ballots: before.ballots + forms,
      satisfied: before.satisfied + added[0].satisfied,
    }),
  };
};

export const evolve = (state: SurveyState, event: SurveyEvent): SurveyState => {
  switch (event.type) {
    case 'SurveyOpened': {
      const { openedBy: _by, openedAt: _at, ...d } = event.data;
      return {
        ...d,
        status: 'open',
        households: GrowOnlyIndex.empty(),
        onlineVoters: GrowOnlyIndex.empty(),
        batchesOf: GrowOnlyIndex.empty(),
        batches: new Map(),
        counts: {
          ballots: 0,
          online: 0,
          paper: 0,
          perQuestion: zeroCounts(d.questions),
          perVillage: new Map(),
        },
      };
    }
    case 'HouseholdRegisterImported': {
      const s = opened(state, event.type);
      const { importId, households, villages, tokenScheme = 'per-household' } = event.data;
      // An import replaces the register (only allowed before any ballot).
      return {
        ...s,
        register: { importId, households, villages, tokenScheme },
        households: GrowOnlyIndex.empty(),
      };
    }
    case 'HouseholdRegisterChunkAdded': {
      const s = opened(state, event.type);
      const pairs = event.data.villages.flatMap(({ village, tokens }) =>
        tokens.map((t) => [t, village] as const),
      );
      return { ...s, households: s.households.add(pairs) };
    }
    case 'OnlineBallotCast': {
      const s = opened(state, event.type);
      const { token, village, answers } = event.data;
      return {
        ...s,
        onlineVoters: s.onlineVoters.add([[token, true]]),
        counts: countBallots(s.counts, 'online', 1, village, countsOfAnswers(s.questions, answers)),
      };
    }
    case 'PaperBatchEntered': {
      const s = opened(state, event.type);
      const { batchId, village, entryNo, enteredBy, enteredByName, forms, households, counts } = event.data;
      const entry: BatchEntry = {
        entryNo,
        enteredBy,
        ...(enteredByName ? { enteredByName } : {}),
        forms,
        households,
        householdSet: new Set(households),
        counts,
      };
      const entries = [
        ...(s.batches.get(batchId)?.entries ?? []).filter((e) => e.enteredBy !== enteredBy),
        entry,
      ];
      // With two officers' entries the batch is disputed until a PaperBatchAccepted says otherwise.
      const status = entries.length === 1 ? 'awaiting-second-entry' : 'disputed';
      return {
        ...s,
        batches: new Map(s.batches).set(batchId, { batchId, village, status, entries, entriesMade: entryNo }),
        batchesOf: s.batchesOf.add(households.map((t) => [t, batchId] as const)),
      };
    }
    case 'PaperBatchAccepted': {
      const s = opened(state, event.type);
      const { batchId, village, agreedEntries, forms, counts } = event.data;
      const batch = s.batches.get(batchId)!;
      const accepted = batch.entries.find((e) => e.entryNo === agreedEntries[1]);
      return {
        ...s,
        batches: new Map(s.batches).set(batchId, { ...batch, status: 'accepted', accepted }),
        counts: countBallots(s.counts, 'paper', forms, village, counts),
      };
    }
    case 'PaperBatchMismatched':
      // The entry that caused it already left the batch disputed; the figures are for people and read models.
      return state;
    case 'SurveyClosed': {
      const s = opened(state, event.type);
      return { ...s, status: 'closed', tally: event.data.tally };
    }
    case 'SurveyResultPosted': {
      const s = opened(state, event.type);
      if (s.status === 'open') throw new Error('SurveyResultPosted before SurveyClosed');
      const { from, until, places } = event.data;
      return { ...s, status: 'posted', posting: { from, until, places } };
    }
    default: {
      const unknown: never = event;
      throw new Error(`Unknown survey event ${(unknown as SurveyEvent).type}`);
    }
  }
};

export const surveyDecider: Decider<SurveyCommand, SurveyEvent, SurveyState> = {
  decide,
  evolve,
  initialState,
};

/** What the next round's OpenSurvey needs from this one (`previousRound`). */
export const roundSummary = (state: SurveyState): SurveyRoundSummary | undefined =>
  state.status === 'none'
    ? undefined
    : { surveyId: state.surveyId, dossierId: state.dossierId, round: state.round, status: state.status };
