import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound, requireCovers } from '@ntm/decider';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, Clock, CommandGateway } from '@ntm/application';
import { loadDossier, SurveyStreams } from './survey-streams';
import { ballotForm, surveyView, type BallotForm, type SurveyView } from './survey-view';
import { GetBallotFormQuery, GetSurveyQuery, ListDossierSurveysQuery } from './survey.messages';

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

@QueryHandler(ListDossierSurveysQuery)
export class ListDossierSurveysHandler implements IQueryHandler<ListDossierSurveysQuery, SurveyView[]> {
  constructor(
    private readonly streams: SurveyStreams,
    private readonly gateway: CommandGateway,
  ) {}

  async execute({ dossierId, actor }: ListDossierSurveysQuery): Promise<SurveyView[]> {
    const dossier = await loadDossier(this.gateway, dossierId);
    requireCovers(actor, dossier.commune, `Hồ sơ của ${dossier.commune.name}`);
    return (await this.streams.rounds(dossierId)).map(({ state: survey, version }) =>
      surveyView(survey, version),
    );
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
    const { state } = await this.streams.load(surveyId);
    if (state.status === 'none') throw notFound('SURVEY_NOT_FOUND', `Không tìm thấy khảo sát ${surveyId}`);
    const dossier = await loadDossier(this.gateway, state.dossierId);
    return ballotForm(state, dossier.commune.name, this.clock.now(), this.config.publicBallots);
  }
}
