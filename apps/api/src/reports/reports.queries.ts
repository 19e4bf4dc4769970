import { BadRequestException, Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Actor } from '@ntm/decider';
import type { MaintenanceStanding } from '@ntm/recognition';
import { Clock } from '@ntm/application';
import {
  boardTable,
  communeStandings,
  decisions,
  decisionsTable,
  dossierBoard,
  pipeline,
  queryBoard,
  queryDecisions,
  queryPipeline,
  queryPlanProgress,
  queryStandings,
  queryStandingsSummary,
  querySurveys,
  returnsTable,
  standingDossiersTable,
  standingsTable,
  administrativeUnits,
  unitsTable,
  provincePlans,
  planTargetsTable,
  plansTable,
  stepsTable,
  surveyStats,
  surveysTable,
  PROJECTORS,
  commendation,
  commendationEntitiesTable,
} from '@ntm/read-models';
import { LawRegistry } from '../dossiers/law.registry';
import { ReadModels } from './read-models.service';
import type { BoardQueryDto, ReportQueryDto, StandingsQueryDto } from './reports.dto';
import { resolveScope } from './scope';

// The reports' queries: each reads its read models (caught up to ?minPosition=) within the asker's area and
// answers the data with the view it came from. The controller only turns answers into JSON or files.

/** A report's data and the read models behind it (`view`: how far they have caught up). */
type Answer<H extends IQueryHandler> = Awaited<ReturnType<H['execute']>>;

export class BoardQuery {
  constructor(
    readonly actor: Actor,
    readonly filters: BoardQueryDto,
    /** Only what waits for the asker's role (and, for council members, their own vote). */
    readonly waiting: boolean,
    readonly paging: { readonly page: number; readonly pageSize: number },
  ) {}
}

@QueryHandler(BoardQuery)
export class BoardHandler implements IQueryHandler<BoardQuery> {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ actor, filters: q, waiting, paging }: BoardQuery) {
    const scope = resolveScope(actor, q);
    const view = await this.readModels.view([dossierBoard], q.minPosition);
    const data = await queryBoard(this.readModels.db.manager, view.table(dossierBoard, boardTable), {
      ...scope,
      level: q.level,
      step: q.step,
      status: q.status,
      overdue: q.overdue,
      year: q.year,
      criteriaPeriod: q.criteriaPeriod,
      waitingFor: waiting ? { role: actor.role, actorId: actor.id } : undefined,
      ...paging,
      now: this.clock.now(),
    });
    return { view, data };
  }
}
export type BoardAnswer = Answer<BoardHandler>;

export class StandingsQuery {
  constructor(
    readonly actor: Actor,
    readonly filters: StandingsQueryDto,
    /** The district and province summary only, without the list of communes. */
    readonly summaryOnly = false,
  ) {}
}

@QueryHandler(StandingsQuery)
export class StandingsHandler implements IQueryHandler<StandingsQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ actor, filters: q, summaryOnly }: StandingsQuery) {
    const scope = resolveScope(actor, q);
    const view = await this.readModels.view([communeStandings, administrativeUnits], q.minPosition);
    const tables = {
      standings: view.table(communeStandings, standingsTable),
      standingDossiers: view.table(communeStandings, standingDossiersTable),
      units: view.table(administrativeUnits, unitsTable),
    };
    const m = this.readModels.db.manager;
    const f = { year: q.year, criteriaPeriod: q.criteriaPeriod, level: q.level };
    const communes = summaryOnly
      ? []
      : await queryStandings(m, tables, scope, {
          ...f,
          belowCriteria: q.belowCriteria,
          reviewStandings: q.reviewStandings as MaintenanceStanding[] | undefined,
        });
    return { view, data: { communes, summary: await queryStandingsSummary(m, tables, scope, f) } };
  }
}
export type StandingsAnswer = Answer<StandingsHandler>;

export class PlanProgressQuery {
  constructor(
    readonly actor: Actor,
    readonly filters: ReportQueryDto,
  ) {}
}

@QueryHandler(PlanProgressQuery)
export class PlanProgressHandler implements IQueryHandler<PlanProgressQuery> {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ actor, filters: q }: PlanProgressQuery) {
    const scope = resolveScope(actor, q);
    if (!scope.provinceCode)
      throw new BadRequestException({
        code: 'PROVINCE_REQUIRED',
        message: "Cần chọn tỉnh (tham số 'province')",
      });
    const view = await this.readModels.view(
      [communeStandings, administrativeUnits, provincePlans, commendation],
      q.minPosition,
    );
    const data = await queryPlanProgress(
      this.readModels.db.manager,
      {
        targets: view.table(provincePlans, planTargetsTable),
        plans: view.table(provincePlans, plansTable),
        units: view.table(administrativeUnits, unitsTable),
        standingDossiers: view.table(communeStandings, standingDossiersTable),
        programmes: view.table(commendation, commendationEntitiesTable),
      },
      {
        ...scope,
        provinceCode: scope.provinceCode,
        year: q.year,
        criteriaPeriod: q.criteriaPeriod,
        level: q.level,
      },
      this.clock.now().toISOString().slice(0, 10),
    );
    return { view, data };
  }
}
export type PlanProgressAnswer = Answer<PlanProgressHandler>;

export class DecisionsQuery {
  constructor(
    readonly actor: Actor,
    readonly filters: ReportQueryDto,
  ) {}
}

@QueryHandler(DecisionsQuery)
export class DecisionsHandler implements IQueryHandler<DecisionsQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ actor, filters: q }: DecisionsQuery) {
    const view = await this.readModels.view([decisions], q.minPosition);
    const data = await queryDecisions(this.readModels.db.manager, view.table(decisions, decisionsTable), {
      ...resolveScope(actor, q),
      year: q.year,
      criteriaPeriod: q.criteriaPeriod,
      level: q.level,
    });
    return { view, data };
  }
}
export type DecisionsAnswer = Answer<DecisionsHandler>;

export class SurveysQuery {
  constructor(
    readonly actor: Actor,
    readonly filters: ReportQueryDto,
  ) {}
}

@QueryHandler(SurveysQuery)
export class SurveysHandler implements IQueryHandler<SurveysQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ actor, filters: q }: SurveysQuery) {
    const view = await this.readModels.view([surveyStats], q.minPosition);
    const data = await querySurveys(this.readModels.db.manager, view.table(surveyStats, surveysTable), {
      ...resolveScope(actor, q),
      year: q.year,
      criteriaPeriod: q.criteriaPeriod,
      level: q.level,
    });
    return { view, data };
  }
}
export type SurveysAnswer = Answer<SurveysHandler>;

export class PipelineQuery {
  constructor(
    readonly actor: Actor,
    readonly filters: ReportQueryDto,
  ) {}
}

@QueryHandler(PipelineQuery)
export class PipelineHandler implements IQueryHandler<PipelineQuery> {
  constructor(
    private readonly readModels: ReadModels,
    private readonly law: LawRegistry,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ actor, filters: q }: PipelineQuery) {
    const view = await this.readModels.view([pipeline], q.minPosition);
    const { calendar } = await this.law.workingDays();
    const data = await queryPipeline(
      this.readModels.db.manager,
      { steps: view.table(pipeline, stepsTable), returns: view.table(pipeline, returnsTable) },
      {
        ...resolveScope(actor, q),
        year: q.year,
        criteriaPeriod: q.criteriaPeriod,
        level: q.level,
        now: this.clock.now(),
        calendar,
      },
    );
    return { view, data };
  }
}
export type PipelineAnswer = Answer<PipelineHandler>;

/** The read models themselves: the version in use, any rebuild under way, how far each has caught up. */
export class ReadModelStatusQuery {
  constructor(readonly minPosition?: string) {}
}

@QueryHandler(ReadModelStatusQuery)
export class ReadModelStatusHandler implements IQueryHandler<ReadModelStatusQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ minPosition }: ReadModelStatusQuery) {
    const view = await this.readModels.view(PROJECTORS, minPosition);
    return { view, data: await this.readModels.catalog.versions() };
  }
}
export type ReadModelStatusAnswer = Answer<ReadModelStatusHandler>;

export const REPORT_QUERY_HANDLERS = [
  BoardHandler,
  StandingsHandler,
  PlanProgressHandler,
  DecisionsHandler,
  SurveysHandler,
  PipelineHandler,
  ReadModelStatusHandler,
];
