import type { Actor } from '@ntm/decider';
import type { CommandHeaders } from '../http/request-context';
import type { BallotDto, CloseSurveyDto, OpenSurveyDto, PaperBatchDto } from './survey.dto';

/** Opens the dossier's next survey round. */
export class OpenSurveyCommand {
  constructor(
    readonly dossierId: string,
    readonly body: OpenSurveyDto,
    readonly headers: CommandHeaders,
  ) {}
}

/** The household register as uploaded: CSV, household code then village. */
export class ImportRegisterCommand {
  constructor(
    readonly surveyId: string,
    readonly csv: string | Buffer,
    readonly headers: CommandHeaders,
  ) {}
}

export class CastBallotCommand {
  constructor(
    readonly surveyId: string,
    readonly body: BallotDto,
    readonly headers: CommandHeaders,
  ) {}
}

export class EnterPaperBatchCommand {
  constructor(
    readonly surveyId: string,
    readonly body: PaperBatchDto,
    readonly headers: CommandHeaders,
  ) {}
}

/** The Front closes the survey: the result goes on the dossier and is posted. */
export class CloseSurveyCommand {
  constructor(
    readonly surveyId: string,
    readonly body: CloseSurveyDto,
    readonly headers: CommandHeaders,
  ) {}
}

export class GetSurveyQuery {
  constructor(
    readonly surveyId: string,
    /** Who asks: a survey is shown only within the asker's jurisdiction. */
    readonly actor: Actor,
  ) {}
}

export class ListDossierSurveysQuery {
  constructor(
    readonly dossierId: string,
    readonly actor: Actor,
  ) {}
}

/** The public ballot page's form: asked without an account. */
export class GetBallotFormQuery {
  constructor(readonly surveyId: string) {}
}

/** The ballot sheets of the register file sent again (the system keeps no household code), one village or all. */
export class GetBallotSheetsQuery {
  constructor(
    readonly surveyId: string,
    readonly register: string | Buffer,
    readonly choice: { readonly village?: string; readonly part?: number },
    readonly actor: Actor,
  ) {}
}
