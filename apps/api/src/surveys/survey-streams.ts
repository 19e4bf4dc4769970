import { Injectable } from '@nestjs/common';
import { notFound } from '@ntm/decider';
import { dossierDecider, dossierStreamId, isOpened, type Dossier } from '@ntm/recognition';
import {
  surveyDecider,
  surveyStreamId,
  type OpenedSurvey,
  type SurveyCommand,
  type SurveyState,
} from '@ntm/survey';
import {
  CommandGateway,
  type CommandOutcome,
  type Loaded,
  type RequestContext,
  deterministicUuid,
} from '@ntm/application';

/** Rounds are numbered 1, 2, ...: a round's id derives from its dossier, so the rounds are found without an index. */
export const surveyIdFor = (dossierId: string, round: number): string =>
  deterministicUuid(`survey:${dossierId}:${round}`);

// Ballots of one survey all land on one stream. Within this process they are decided one after another (no
// version race to retry), and a fold never starts from a state another fold is still extending.
/** The dossier a survey is for, as the gateway folds it. */
export const loadDossier = async (gateway: CommandGateway, dossierId: string): Promise<Dossier> => {
  const { state } = await gateway.load(dossierStreamId(dossierId), dossierDecider);
  if (!isOpened(state)) throw notFound('DOSSIER_NOT_FOUND', `Không tìm thấy hồ sơ ${dossierId}`);
  return state;
};

/** Retries of an order-free command (a ballot) that lost a version race to another API process. */
const ORDER_FREE_RETRIES = 20;

/** The survey streams behind the command gateway, serialised per stream in this process. */
@Injectable()
export class SurveyStreams {
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(private readonly gateway: CommandGateway) {}

  load(surveyId: string): Promise<Loaded<SurveyState>> {
    return this.serially(surveyId, () => this.gateway.load(surveyStreamId(surveyId), surveyDecider));
  }

  /** An opened survey, or 404 SURVEY_NOT_FOUND. */
  async opened(surveyId: string): Promise<OpenedSurvey> {
    const { state } = await this.load(surveyId);
    if (state.status === 'none') throw notFound('SURVEY_NOT_FOUND', `Không tìm thấy khảo sát ${surveyId}`);
    return state;
  }

  execute(
    surveyId: string,
    command: (metadata: SurveyCommand['metadata'], state: SurveyState) => SurveyCommand,
    context: RequestContext,
    payload: unknown,
    options: { readonly mustExist: boolean; readonly orderFree?: boolean },
  ): Promise<CommandOutcome> {
    return this.serially(surveyId, () =>
      this.gateway.execute(
        {
          streamId: surveyStreamId(surveyId),
          decider: surveyDecider,
          command,
          mustExist: options.mustExist,
          noun: 'khảo sát',
          notFound: 'SURVEY_NOT_FOUND',
          retryOnConflict: options.orderFree ? ORDER_FREE_RETRIES : undefined,
        },
        context,
        payload,
      ),
    );
  }

  /** Every round of the dossier's survey, oldest first. */
  async rounds(dossierId: string): Promise<{ state: OpenedSurvey; version: number }[]> {
    const found: { state: OpenedSurvey; version: number }[] = [];
    for (let round = 1; ; round++) {
      const { state, version } = await this.load(surveyIdFor(dossierId, round));
      if (version === null || state.status === 'none') return found;
      found.push({ state, version });
    }
  }

  private serially<T>(surveyId: string, work: () => Promise<T>): Promise<T> {
    const result = (this.tails.get(surveyId) ?? Promise.resolve()).then(work);
    const tail = result.catch(() => undefined);
    this.tails.set(surveyId, tail);
    void tail.then(() => {
      if (this.tails.get(surveyId) === tail) this.tails.delete(surveyId);
    });
    return result;
  }
}
