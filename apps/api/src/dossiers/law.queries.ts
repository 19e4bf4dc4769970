import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { CriteriaSetSummary } from '@ntm/criteria';
import { criteriaSetList, criteriaSets, criteriaSetsTable } from '@ntm/read-models';
import { ReadModels } from '../reports/read-models.service';

/** The criteria sets as listed: the latest version of each, from the `criteria-sets` read model. */
export class ListCriteriaSetsQuery {
  constructor(readonly minPosition?: string) {}
}

@QueryHandler(ListCriteriaSetsQuery)
export class ListCriteriaSetsHandler implements IQueryHandler<ListCriteriaSetsQuery> {
  constructor(private readonly readModels: ReadModels) {}

  async execute({ minPosition }: ListCriteriaSetsQuery): Promise<CriteriaSetSummary[]> {
    const view = await this.readModels.view([criteriaSets], minPosition);
    const rows: { summary: CriteriaSetSummary }[] = await this.readModels.db.query(
      `SELECT summary FROM ${view.table(criteriaSets, criteriaSetsTable)} ORDER BY stream_version`,
    );
    return criteriaSetList(rows.map((r) => r.summary));
  }
}
