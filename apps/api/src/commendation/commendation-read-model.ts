import { Inject, Injectable } from '@nestjs/common';
import type { CommendationView, Nomination } from '@ntm/commendation';
import type { EventStore, Position } from '@ntm/event-store';
import {
  commendation,
  commendationEntitiesTable,
  viewOfRows,
  type CommendationEntityRow,
} from '@ntm/read-models';
import { EVENT_STORE } from '@ntm/application';
import { communesInForce } from '@ntm/units';
import { LawRegistry } from '../dossiers/law.registry';
import { ReadModels } from '../reports/read-models.service';

/**
 * The commendation read side: the `commendation` projection's rows of one province, put back into the view the
 * pure queries of @ntm/commendation read. Without `minPosition` it waits for every write acknowledged so far (seen by
 * readers or not: a neighbour's open transaction must not hide the last nomination), so a command
 * that checks eligibility sees the record as the event log shows it (within the usual bound, else 503).
 */
@Injectable()
export class CommendationReadModel {
  constructor(
    private readonly readModels: ReadModels,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly law: LawRegistry,
  ) {}

  private async rows(where: string, value: string, minPosition?: string) {
    const at = minPosition ?? (await this.store.committedPosition());
    const read = await this.readModels.view([commendation], at);
    const rows: CommendationEntityRow[] = await this.readModels.db.query(
      `SELECT * FROM ${read.table(commendation, commendationEntitiesTable)} WHERE ${where} = $1`,
      [value],
    );
    return { rows, position: read.position };
  }

  /** The view of one province, caught up to `minPosition` (default: every acknowledged write). */
  async province(
    provinceCode: string,
    minPosition?: string,
  ): Promise<{ view: CommendationView; position: Position }> {
    const { rows, position } = await this.rows('province_code', provinceCode, minPosition);
    const view = viewOfRows(rows);
    // The province's communes in force, the base of a quota of "all the communes".
    const communes = communesInForce(await this.law.unitRegister(), provinceCode);
    if (communes.length > 0) view.registeredCommunes.set(provinceCode, communes.length);
    return { view, position };
  }

  /** One nomination as the read side holds it, or null. */
  async nomination(id: string, minPosition?: string): Promise<Nomination | null> {
    const { rows } = await this.rows('entity_key', `nomination:${id}`, minPosition);
    return viewOfRows(rows).nominations.get(id) ?? null;
  }
}
