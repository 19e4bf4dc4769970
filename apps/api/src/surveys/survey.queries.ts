import type { Readable } from 'node:stream';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound, requireCovers } from '@ntm/decider';
import { authorise, parseHouseholdRegister, tokenUnder } from '@ntm/survey';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, Clock, CommandGateway, EVENT_STORE } from '@ntm/application';
import type { EventStore } from '@ntm/event-store';
import { surveyRounds, surveyRoundsTable, type SurveyRoundRow } from '@ntm/read-models';
import { ReadModels } from '../reports/read-models.service';
import { loadDossier, SurveyStreams } from './survey-streams';
import { ballotForm, roundView, surveyView, type BallotForm, type SurveyView } from './survey-view';
import { fileSlug } from '../official-documents/decree30';
import { renderBallotSheets, selectSheets } from './ballot-sheets';
import { PRINT_SHEETS } from './register-upload';
import {
  GetBallotFormQuery,
  GetBallotSheetsQuery,
  GetSurveyQuery,
  ListDossierSurveysQuery,
} from './survey.messages';

/** One survey is one stream, folded incrementally by the gateway's cache: its running counts are the read model. */
@QueryHandler(GetSurveyQuery)
export class GetSurveyHandler implements IQueryHandler<GetSurveyQuery, SurveyView> {
  constructor(private readonly streams: SurveyStreams) {}

  async execute({ surveyId, actor }: GetSurveyQuery): Promise<SurveyView> {
    const { state, version } = await this.streams.load(surveyId);
    if (state.status === 'none' || version === null)
      throw notFound('SURVEY_NOT_FOUND', `Không tìm thấy khảo sát ${surveyId}`);
    requireCovers(actor, state.location, `Khảo sát ${surveyId}`);
    return surveyView(state, version);
  }
}

/**
 * The rounds of a dossier, from the `survey-rounds` projection once it has caught up with everything visible now
 * (the usual bound, else 503), so a round just opened or closed is in the list.
 */
@QueryHandler(ListDossierSurveysQuery)
export class ListDossierSurveysHandler implements IQueryHandler<ListDossierSurveysQuery, SurveyView[]> {
  constructor(
    private readonly gateway: CommandGateway,
    private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ dossierId, actor }: ListDossierSurveysQuery): Promise<SurveyView[]> {
    const dossier = await loadDossier(this.gateway, dossierId);
    requireCovers(actor, dossier.commune, `Hồ sơ của ${dossier.commune.name}`);
    const read = await this.readModels.view([surveyRounds], await this.store.committedPosition());
    const rows: SurveyRoundRow[] = await this.readModels.db.query(
      `SELECT * FROM ${read.table(surveyRounds, surveyRoundsTable)} WHERE dossier_id = $1 ORDER BY round`,
      [dossierId],
    );
    return rows.map(roundView);
  }
}

/** The public ballot page's form: the same 404 for any survey that does not exist, nothing about households. */
@QueryHandler(GetBallotFormQuery)
export class GetBallotFormHandler implements IQueryHandler<GetBallotFormQuery, BallotForm> {
  constructor(
    private readonly streams: SurveyStreams,
    private readonly gateway: CommandGateway,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ surveyId }: GetBallotFormQuery): Promise<BallotForm> {
    const state = await this.streams.opened(surveyId);
    const dossier = await loadDossier(this.gateway, state.dossierId);
    return ballotForm(state, dossier.commune.name, this.clock.now(), this.config.publicBallots);
  }
}

/** A file of ballot sheets and what it is part of. */
export interface BallotSheetsFile {
  readonly pdf: Readable;
  readonly fileName: string;
  /** Files the selection takes (see MAX_SHEETS_PER_FILE). */
  readonly parts: number;
}

/**
 * The ballot sheets, streamed: only a Front officer of the survey's commune (checked again here, after the
 * upload guard), from a register file that is the one imported; nothing of the file is kept.
 */
@QueryHandler(GetBallotSheetsQuery)
export class GetBallotSheetsHandler implements IQueryHandler<GetBallotSheetsQuery, BallotSheetsFile> {
  constructor(
    private readonly streams: SurveyStreams,
    private readonly gateway: CommandGateway,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async execute({ surveyId, register, choice, actor }: GetBallotSheetsQuery): Promise<BallotSheetsFile> {
    const state = await this.streams.opened(surveyId);
    authorise({ actor, now: this.clock.now().toISOString() }, state, ['front_officer'], PRINT_SHEETS);
    const scheme = state.register?.tokenScheme ?? 'per-survey';
    const { sheets, parts } = selectSheets(
      state,
      parseHouseholdRegister(register),
      (code) => tokenUnder(scheme, this.config.surveyHmacKey, surveyId, code),
      choice,
    );
    const dossier = await loadDossier(this.gateway, state.dossierId);
    const pdf = await renderBallotSheets(
      {
        surveyId,
        communeName: dossier.commune.name,
        round: state.round,
        questions: state.questions,
        period: state.period,
        publicUrl: this.config.publicUrl ?? `http://127.0.0.1:${this.config.port}`,
      },
      sheets,
    );
    const what = choice.village === undefined ? 'toan-xa' : fileSlug(choice.village).toLowerCase();
    const part = parts > 1 ? `-phan-${choice.part ?? 1}` : '';
    return { pdf, fileName: `phieu-lay-y-kien-${what}${part}.pdf`, parts };
  }
}
