import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound, requireCovers } from '@ntm/decider';
import { CommandGateway } from '@ntm/application';
import { loadDossier, SurveyStreams } from './survey-streams';
import { surveyView, type SurveyView } from './survey-view';
import { GetSurveyQuery, ListDossierSurveysQuery } from './survey.messages';

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
