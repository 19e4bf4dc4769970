import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Inject, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock, CommandGateway, type CommandOutcome } from '@ntm/application';
import { actorCoversProvince, forbidden, ROLE_LEVELS, type Actor, type Unstamped } from '@ntm/decider';
import { currentUnitCode, lineageOf } from '@ntm/units';
import {
  communeStandings,
  constructionDebts,
  constructionDebtsTable,
  standingsTable,
} from '@ntm/read-models';
import type { Level } from '@ntm/criteria';
import {
  constructionDebtDecider,
  constructionDebtStreamId,
  outstandingDebt,
  requireLedgerAccess,
  requireLedgerKeeper,
  type ConstructionDebtCommand,
  type ConstructionDebtLedger,
  type DebtEntry,
  type OutstandingDebt,
} from '@ntm/recognition';
import { CurrentActor } from '../auth/current-actor';
import { DocumentAccess } from '../documents/document-access';
import { CommuneCodeParam, MinPositionQueryDto, ProvinceCodeParam, UuidParam } from '../http/constraints';
import { RequestMeta, requestContext, type CommandHeaders } from '../http/request-context';
import { Answers } from '../http/swagger';
import { ReadModels } from '../reports/read-models.service';
import { LawRegistry } from '../dossiers/law.registry';
import {
  CancelConstructionDebtDto,
  PayConstructionDebtDto,
  RecordConstructionDebtDto,
} from './construction-debt.dto';

/** A commune's ledger as its screen shows it: every work, newest first, and what is owed now. */
export interface ConstructionDebtLedgerView {
  readonly communeCode: string;
  readonly entries: readonly DebtEntry[];
  readonly outstanding: OutstandingDebt;
}

const ledgerView = (communeCode: string, state: ConstructionDebtLedger): ConstructionDebtLedgerView => ({
  communeCode,
  entries: [...state.entries].reverse(),
  outstanding: outstandingDebt(state),
});

/** The ledger of a commune merged into another, as the commune it was merged into sees it. */
export interface FormerCommuneLedgerView extends ConstructionDebtLedgerView {
  readonly name: string;
  /** The day the merger took effect. */
  readonly mergedOn: string | null;
}

/**
 * A commune's ledger with those of the communes merged into it (RULES-2026 §2: their debts followed them), and what
 * they owe together: what its submission is weighed against.
 */
export interface CommuneDebtsView extends ConstructionDebtLedgerView {
  readonly formerCommunes: readonly FormerCommuneLedgerView[];
  readonly owedInAll: OutstandingDebt;
}

/** One commune of a province's list: what its ledger owes, how many works, since when. */
export interface CommuneDebtLine {
  readonly communeCode: string;
  /** As its dossiers name it (null for a commune without one). */
  readonly communeName: string | null;
  /** The highest standard it holds now, and the day of that decision. */
  readonly recognition: { readonly level: Level; readonly decidedOn: string } | null;
  readonly outstanding: number;
  /** Owed on works accepted on or after that decision's day: the debt RULES-2026 §4 warns of. */
  readonly owedSinceRecognition: number;
  readonly unpaidWorks: number;
  readonly oldestUnpaidOn: string | null;
  readonly recorded: number;
  readonly paid: number;
}

/**
 * The commune's construction-debt ledger (nợ đọng xây dựng cơ bản; RULES-2026 §4): its officers record each unpaid,
 * accepted work and every payment, with evidence; the province reads the communes that still owe.
 */
@ApiTags('construction-debts')
@ApiBearerAuth()
@Controller('api/v1')
export class ConstructionDebtsController {
  constructor(
    private readonly gateway: CommandGateway,
    private readonly documents: DocumentAccess,
    private readonly readModels: ReadModels,
    private readonly law: LawRegistry,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  private async ledger(communeCode: string): Promise<ConstructionDebtLedgerView> {
    return ledgerView(communeCode, await this.law.debtLedger(communeCode));
  }

  private async act(
    command: Unstamped<ConstructionDebtCommand>,
    h: CommandHeaders,
    request: unknown,
  ): Promise<ConstructionDebtLedgerView & Pick<CommandOutcome, 'version' | 'position'>> {
    // Role and area before the documents: a refused actor learns nothing of which documents exist.
    const { provinceCode, communeCode } = command.data;
    // What the register says of the ledger's place: which commune's officers keep it today (the commune's own, or
    // those of the one it was merged into), and which provinces were merged into the one named.
    const register = await this.law.unitRegister();
    const place = {
      keptBy: currentUnitCode(register, communeCode),
      formerProvinceCodes: lineageOf(register, provinceCode).map((u) => u.code),
    };
    requireLedgerKeeper(h.actor, provinceCode, communeCode, place.keptBy);
    this.law.requireCommuneOfProvince(register, provinceCode, communeCode);
    await this.documents.assertCitable(command.data, h.actor);
    const outcome = await this.gateway.execute(
      {
        streamId: constructionDebtStreamId(command.data.communeCode),
        decider: constructionDebtDecider,
        mustExist: false,
        noun: 'sổ theo dõi nợ đọng xây dựng cơ bản',
        command: (metadata) =>
          ({ ...command, data: { ...command.data, ...place }, metadata }) as ConstructionDebtCommand,
        // Stored with the answer: a retry gets the ledger as the first attempt left it.
        summarize: (state) => ledgerView(command.data.communeCode, state),
      },
      requestContext(h, this.clock.now()),
      request,
    );
    return {
      ...(outcome.summary ?? (await this.ledger(command.data.communeCode))),
      version: outcome.version,
      // The province's list (a read model) shows this change once read with ?minPosition= of it.
      position: outcome.position,
    };
  }

  @Get('communes/:communeCode/construction-debts')
  @Answers('ConstructionDebtLedger')
  @ApiOperation({
    summary: 'Sổ theo dõi nợ đọng xây dựng cơ bản của xã: từng công trình, các lần trả, số còn nợ',
  })
  async read(
    @CurrentActor() actor: Actor,
    @CommuneCodeParam() communeCode: string,
  ): Promise<CommuneDebtsView> {
    const ledgers = await this.law.debtLedgers(communeCode, false);
    // The ledger's own province where it has entries (the one it was merged into since, if it was); an empty ledger
    // shows nothing to anyone outside the commune.
    const held = ledgers.own.entries[0]?.provinceCode;
    const provinceCode = held ? ledgers.provinceNow(held) : (actor.jurisdiction.provinceCode ?? '');
    requireLedgerAccess(actor, provinceCode, communeCode, ledgers.keptBy);
    return {
      ...ledgerView(communeCode, ledgers.own),
      formerCommunes: ledgers.former.map(({ unit, ledger }) => ({
        ...ledgerView(unit.code, ledger),
        name: unit.name,
        mergedOn: unit.since,
      })),
      owedInAll: ledgers.owed,
    };
  }

  @Post('communes/:communeCode/construction-debts')
  @Answers('ConstructionDebtChanged', 201)
  @ApiOperation({
    summary:
      'Ghi một khoản nợ đọng xây dựng cơ bản (công trình đã nghiệm thu, chưa thanh toán) vào sổ của xã, kèm căn cứ và minh chứng',
  })
  record(
    @CommuneCodeParam() communeCode: string,
    @Body() body: RecordConstructionDebtDto,
    @RequestMeta() h: CommandHeaders,
  ) {
    return this.act(
      { type: 'RecordConstructionDebt', data: { ...body, communeCode, entryId: randomUUID() } },
      h,
      { route: 'RecordConstructionDebt', communeCode, body },
    );
  }

  @Post('communes/:communeCode/construction-debts/:entryId/payments')
  @Answers('ConstructionDebtChanged', 201)
  @ApiOperation({ summary: 'Ghi một lần trả nợ cho công trình trong sổ của xã, kèm chứng từ' })
  pay(
    @CommuneCodeParam() communeCode: string,
    @UuidParam('entryId') entryId: string,
    @Body() body: PayConstructionDebtDto,
    @RequestMeta() h: CommandHeaders,
  ) {
    return this.act({ type: 'PayConstructionDebt', data: { ...body, communeCode, entryId } }, h, {
      route: 'PayConstructionDebt',
      communeCode,
      entryId,
      body,
    });
  }

  @Post('communes/:communeCode/construction-debts/:entryId/cancellation')
  @Answers('ConstructionDebtChanged', 201)
  @ApiOperation({ summary: 'Hủy một khoản ghi nhầm (chưa có lần trả nào), nêu lý do' })
  cancel(
    @CommuneCodeParam() communeCode: string,
    @UuidParam('entryId') entryId: string,
    @Body() body: CancelConstructionDebtDto,
    @RequestMeta() h: CommandHeaders,
  ) {
    return this.act({ type: 'CancelConstructionDebt', data: { ...body, communeCode, entryId } }, h, {
      route: 'CancelConstructionDebt',
      communeCode,
      entryId,
      body,
    });
  }

  @Get('provinces/:provinceCode/construction-debts')
  @Answers('ProvinceConstructionDebts')
  @ApiOperation({
    summary:
      'Các xã của tỉnh có sổ theo dõi nợ đọng xây dựng cơ bản: số còn nợ, số công trình chưa trả, khoản nợ cũ nhất',
  })
  async province(
    @CurrentActor() actor: Actor,
    @ProvinceCodeParam() provinceCode: string,
    @Query() q: MinPositionQueryDto,
  ) {
    // What every commune owes is the province's to read: its staff and national roles, not another commune's officer.
    if (ROLE_LEVELS[actor.role] === 'commune')
      throw forbidden('ROLE_NOT_ALLOWED', 'Danh sách nợ đọng của các xã chỉ dành cho cán bộ cấp tỉnh');
    if (!actorCoversProvince(actor, provinceCode))
      throw forbidden('OUTSIDE_JURISDICTION', `Tỉnh mã ${provinceCode} nằm ngoài địa bàn phụ trách`);
    // A ledger's entries name the province of their day: those of a province merged into this one are its too.
    const provinces = [
      provinceCode,
      ...lineageOf(await this.law.unitRegister(), provinceCode).map((u) => u.code),
    ];
    const view = await this.readModels.view([constructionDebts, communeStandings], q.minPosition);
    const rows: {
      commune_code: string;
      commune_name: string | null;
      level_held: Level | null;
      decided_on: string | null;
      outstanding: number;
      since_recognition: number;
      unpaid_works: number;
      oldest_unpaid_on: string | null;
      recorded: number;
      paid: number;
    }[] = await this.readModels.db.query(
      `SELECT d.commune_code, s.commune_name, s.level_held, s.decided_on,
              sum(d.remaining) AS outstanding,
              coalesce(sum(d.remaining) FILTER (WHERE d.incurred_on >= s.decided_on), 0) AS since_recognition,
              count(*) FILTER (WHERE d.remaining > 0)::int AS unpaid_works,
              min(d.incurred_on) FILTER (WHERE d.remaining > 0) AS oldest_unpaid_on,
              sum(d.amount) FILTER (WHERE NOT d.cancelled) AS recorded,
              sum(d.amount - d.remaining) FILTER (WHERE NOT d.cancelled) AS paid
         FROM ${view.table(constructionDebts, constructionDebtsTable)} d
         LEFT JOIN ${view.table(communeStandings, standingsTable)} s ON s.commune_code = d.commune_code
        WHERE d.province_code = ANY($1)
        GROUP BY d.commune_code, s.commune_name, s.level_held, s.decided_on
        ORDER BY sum(d.remaining) DESC, d.commune_code
        LIMIT 5000`,
      [provinces],
    );
    const communes: CommuneDebtLine[] = rows.map((r) => ({
      communeCode: r.commune_code,
      communeName: r.commune_name,
      recognition: r.level_held && r.decided_on ? { level: r.level_held, decidedOn: r.decided_on } : null,
      outstanding: Number(r.outstanding),
      owedSinceRecognition: Number(r.since_recognition),
      unpaidWorks: r.unpaid_works,
      oldestUnpaidOn: r.oldest_unpaid_on,
      recorded: Number(r.recorded ?? 0),
      paid: Number(r.paid ?? 0),
    }));
    return { provinceCode, communes, position: view.position };
  }
}
