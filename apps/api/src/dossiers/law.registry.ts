import { Injectable } from '@nestjs/common';
import {
  CommandGateway,
  GuardMovedError,
  type CommandOutcome,
  type RequestContext,
  type StreamGuard,
} from '@ntm/application';
import {
  HOLIDAY_YEARS_STREAM,
  calendarWithLoadedYears,
  holidayYearsDecider,
  loadedYears,
  type HolidayYears,
  type WorkingCalendar,
} from '@ntm/calendar';
import {
  CRITERIA_SETS_STREAM,
  criteriaSetCatalogueDecider,
  currentEntries,
  findCatalogueEntry,
  resolveCriteriaSet,
  type CatalogueEntry,
  type CriteriaSetCatalogue,
  LEVELS,
  PILOT_LEVELS,
  type CriteriaSetDocument,
  type Level,
  type Period,
} from '@ntm/criteria';
import { conflict, DomainError, forbidden, notFound, type Evolver, type Unstamped } from '@ntm/decider';
import {
  communeRecordDecider,
  communeStreamId,
  constructionDebtDecider,
  constructionDebtStreamId,
  type ConstructionDebtLedger,
  outstandingDebt,
  type OutstandingDebt,
  createDossierDecider,
  dossierCodeDecider,
  dossierCodeStreamId,
  dossierDecider,
  dossierSlotDecider,
  dossierSlotStreamId,
  dossierStreamId,
  provinceProcedureDecider,
  provinceProcedureStreamId,
  type CommuneRecord,
  type SetCommuneGroup,
  type SetCommunePilot,
  type Dossier,
  type DossierDecider,
  type DossierState,
  type ProvinceProcedures,
  communeLineageView,
  holdingsByPeriod,
  mergerStandings,
  openingOptions,
  pilotDesignation,
  type OpeningOption,
  type OpeningProblem,
  type CommuneLineageView,
} from '@ntm/recognition';
import {
  activeUnit,
  currentUnitCode,
  lineageOf,
  planStreamId,
  provincePlanDecider,
  UNITS_STREAM,
  unitAt,
  unitRegisterDecider,
  type ProvincePlanSetData,
  type SetProvincePlan,
  type Unit,
  type UnitCommand,
  type UnitRegister,
} from '@ntm/units';

/** How many times a dossier command is decided on a calendar that moved before its append, before a 409. */
const CALENDAR_ATTEMPTS = 3;

/** A commune's construction-debt ledgers, and what they owe together. */
export interface CommuneDebtLedgers {
  readonly own: ConstructionDebtLedger;
  /** The ledgers of the communes merged into it, nearest merger first. */
  readonly former: readonly { readonly unit: Unit; readonly ledger: ConstructionDebtLedger }[];
  /** What it owes in all, as its submission is weighed. */
  readonly owed: OutstandingDebt;
  /** The commune whose officers keep these ledgers today: itself, or the one it was merged into. */
  readonly keptBy: string;
  /** The province a province code stands for today (a ledger's entries name the province of their day). */
  readonly provinceNow: (provinceCode: string) => string;
  readonly guards: readonly StreamGuard[];
}

/** A state a decision is made on, and the guard that tells its append whether it is still current. */
export interface Guarded<S> {
  readonly state: S;
  readonly guard: StreamGuard;
}

/** How many times a code allocation races before giving up (each try re-reads the sequence). */
const CODE_RETRIES = 50;

/**
 * The catalogue of criteria sets, the provinces' procedures, the communes' groups, the dossier-code sequences
 * and the open-dossier slots: each an event stream written through the command gateway (who, when, why).
 */
@Injectable()
export class LawRegistry {
  /** Code allocations of this process, one at a time per sequence (see allocateCode). */
  private readonly allocating = new Map<string, Promise<unknown>>();

  /** The working-day calendar and a dossier decider on it, as of a version of the holiday-years stream. */
  private calendarAt: { version: number | null; calendar: WorkingCalendar; decider: DossierDecider } | null =
    null;

  constructor(private readonly gateway: CommandGateway) {}

  /** The years an administrator loaded (read on from where the cache stands: fresh after every load). */
  async holidayYears(): Promise<HolidayYears> {
    return (await this.gateway.load(HOLIDAY_YEARS_STREAM, holidayYearsDecider)).state;
  }

  /**
   * The calendar deadlines and survey windows count working days on: the built-in announcements with each
   * loaded year replacing its own, rebuilt when a year is loaded (by any process: the stream's tail is read).
   */
  async workingDays(): Promise<{
    calendar: WorkingCalendar;
    decider: DossierDecider;
    version: number | null;
  }> {
    const { state, version } = await this.gateway.load(HOLIDAY_YEARS_STREAM, holidayYearsDecider);
    if (this.calendarAt?.version !== version) {
      const calendar = calendarWithLoadedYears(loadedYears(state));
      this.calendarAt = { version, calendar, decider: createDossierDecider(calendar) };
    }
    return this.calendarAt;
  }

  /**
   * Decides on a dossier with the working-day calendar this process last read, without reading it again, the
   * command's append checking that the holiday years have not moved since (in its statement when keyed, by a read
   * before it otherwise). `decide` may take other streams from the cache as well while `cached` (a commune's debt
   * ledger), adding their guards to the calendar's. When a guarded stream has moved, or the decider refused on what
   * was cached, everything is read again and the command decided again on it (`cached` false).
   */
  async onCalendar<T>(
    decide: (decider: DossierDecider, guards: readonly StreamGuard[], cached: boolean) => Promise<T>,
  ): Promise<T> {
    let calendar = this.calendarAt ?? (await this.workingDays());
    for (let attempt = 1, cached = true; ; attempt++) {
      try {
        return await decide(calendar.decider, [this.guardOf(calendar)], cached);
      } catch (e) {
        const moved = e instanceof GuardMovedError;
        if (!moved && (!cached || !(e instanceof DomainError))) throw e;
        // Written to between our read and our append, time after time: the client's retry meets a quieter moment.
        if (moved && attempt >= CALENDAR_ATTEMPTS)
          throw conflict(
            'DECISION_DATA_CHANGING',
            'Dữ liệu dùng để xét (lịch nghỉ lễ, Tết hoặc sổ nợ đọng) đang được cập nhật; vui lòng gửi lại yêu cầu sau ít phút',
          );
        calendar = await this.workingDays();
        cached = false;
      }
    }
  }

  private guardOf({ version }: { version: number | null }): StreamGuard {
    return { streamId: HOLIDAY_YEARS_STREAM, version };
  }

  loadHolidayYear(document: unknown, context: RequestContext, payload: unknown): Promise<CommandOutcome> {
    return this.gateway.execute(
      {
        streamId: HOLIDAY_YEARS_STREAM,
        decider: holidayYearsDecider,
        mustExist: false,
        noun: 'lịch nghỉ lễ, Tết',
        command: (metadata) => ({ type: 'LoadHolidayYear' as const, data: { document }, metadata }),
      },
      context,
      payload,
    );
  }

  async catalogue(): Promise<CriteriaSetCatalogue> {
    return (await this.gateway.load(CRITERIA_SETS_STREAM, criteriaSetCatalogueDecider)).state;
  }

  async criteriaSet(id: string, version?: number): Promise<CatalogueEntry> {
    const entry = findCatalogueEntry(await this.catalogue(), id, version);
    if (!entry) {
      throw notFound(
        'CRITERIA_SET_NOT_FOUND',
        `Không tìm thấy bộ tiêu chí ${id}${version === undefined ? '' : ` phiên bản ${version}`}`,
      );
    }
    return entry;
  }

  /**
   * The set a new dossier opens under: the one asked for, else the province's own, else the national one, in force
   * on `today` (YYYY-MM-DD, Vietnam time) where one is.
   */
  async criteriaSetFor(want: {
    readonly id?: string;
    readonly period: Period;
    readonly level: Level;
    readonly provinceCode: string;
    readonly today: string;
  }): Promise<CatalogueEntry | undefined> {
    if (want.id) return this.criteriaSet(want.id);
    const entries = currentEntries(await this.catalogue());
    const doc = resolveCriteriaSet(
      entries.map((e) => e.document),
      want,
    );
    return doc && entries.find((e) => e.document === doc);
  }

  loadCriteriaSet(document: unknown, context: RequestContext, payload: unknown): Promise<CommandOutcome> {
    return this.gateway.execute(
      {
        streamId: CRITERIA_SETS_STREAM,
        decider: criteriaSetCatalogueDecider,
        mustExist: false,
        noun: 'danh mục bộ tiêu chí',
        command: (metadata) => ({ type: 'LoadCriteriaSet' as const, data: { document }, metadata }),
      },
      context,
      payload,
    );
  }

  async provinceProcedures(provinceCode: string): Promise<ProvinceProcedures> {
    return (await this.gateway.load(provinceProcedureStreamId(provinceCode), provinceProcedureDecider)).state;
  }

  loadProvinceProcedure(
    provinceCode: string,
    document: unknown,
    context: RequestContext,
    payload: unknown,
  ): Promise<CommandOutcome> {
    return this.gateway.execute(
      {
        streamId: provinceProcedureStreamId(provinceCode),
        decider: provinceProcedureDecider,
        mustExist: false,
        noun: 'quy trình của tỉnh',
        command: (metadata) => ({ type: 'LoadProvinceProcedure' as const, data: { document }, metadata }),
      },
      context,
      payload,
    );
  }

  async communeRecord(communeCode: string): Promise<CommuneRecord> {
    return (await this.gateway.load(communeStreamId(communeCode), communeRecordDecider)).state;
  }

  /** The commune's construction-debt ledger (read on from where the gateway's cache stands). */
  async debtLedger(communeCode: string): Promise<ConstructionDebtLedger> {
    return (await this.gateway.load(constructionDebtStreamId(communeCode), constructionDebtDecider)).state;
  }

  /**
   * A commune's construction-debt ledgers: its own and those of every commune merged into it (RULES-2026 §2: records
   * follow a commune through a merger, and its debts with them), each guarded (see `guarded`; a submission's append
   * checks them), the register too (a merger registered meanwhile adds ledgers).
   */
  async debtLedgers(communeCode: string, cached: boolean): Promise<CommuneDebtLedgers> {
    const register = await this.guarded(UNITS_STREAM, unitRegisterDecider, cached);
    const formerUnits = lineageOf(register.state, communeCode);
    const [own, ...former] = await Promise.all(
      [communeCode, ...formerUnits.map((u) => u.code)].map((code) =>
        this.guarded(constructionDebtStreamId(code), constructionDebtDecider, cached),
      ),
    );
    const formerLedgers = former.map((f, i) => ({ unit: formerUnits[i], ledger: f.state }));
    return {
      own: own.state,
      former: formerLedgers,
      owed: outstandingDebt(
        own.state,
        formerLedgers.map((f) => ({ name: f.unit.name, ledger: f.ledger })),
      ),
      keptBy: currentUnitCode(register.state, communeCode),
      provinceNow: (provinceCode) => currentUnitCode(register.state, provinceCode),
      guards: [register.guard, own.guard, ...former.map((f) => f.guard)],
    };
  }

  /** The commune's record for an opening's decision, guarded (see `guarded`). */
  communeRecordGuarded(communeCode: string, cached: boolean): Promise<Guarded<CommuneRecord>> {
    return this.guarded(communeStreamId(communeCode), communeRecordDecider, cached);
  }

  /** The province's procedures for an opening's decision, guarded (see `guarded`). */
  provinceProceduresGuarded(provinceCode: string, cached: boolean): Promise<Guarded<ProvinceProcedures>> {
    return this.guarded(provinceProcedureStreamId(provinceCode), provinceProcedureDecider, cached);
  }

  /**
   * A stream's state for a decision, with the guard the decision's append then checks (the version as read);
   * `cached` takes this process's cached state without reading, the guard telling whether it was current.
   */
  private async guarded<S>(streamId: string, fold: Evolver<never, S>, cached: boolean): Promise<Guarded<S>> {
    const { state, version } = await this.gateway.load(streamId, fold, cached);
    return { state, guard: { streamId, version } };
  }

  /**
   * The province's acts on a commune's record that are 2026-2030 facts (its group under Decision 51/2025/QĐ-TTg, its
   * selection for a pilot level): only for communes of the register as it stands.
   */
  async actOnCommune(
    command: Unstamped<SetCommuneGroup | SetCommunePilot>,
    context: RequestContext,
    payload: unknown,
  ): Promise<CommandOutcome> {
    await this.requireActiveCommune(command.data.provinceCode, command.data.communeCode);
    return this.gateway.execute(
      {
        streamId: communeStreamId(command.data.communeCode),
        decider: communeRecordDecider,
        mustExist: false,
        noun: 'hồ sơ xã',
        command: (metadata) => ({ ...command, metadata }) as SetCommuneGroup | SetCommunePilot,
      },
      context,
      payload,
    );
  }

  /** The register of administrative units (cached by the gateway, read on from where it stands). */
  async unitRegister(): Promise<UnitRegister> {
    return (await this.gateway.load(UNITS_STREAM, unitRegisterDecider)).state;
  }

  /** A change of the register: a list of changes, or a province's list from the administrator's file. */
  changeUnits(
    command: Unstamped<UnitCommand>,
    context: RequestContext,
    payload: unknown,
  ): Promise<CommandOutcome> {
    return this.gateway.execute(
      {
        streamId: UNITS_STREAM,
        decider: unitRegisterDecider,
        mustExist: false,
        noun: 'danh mục đơn vị hành chính',
        command: (metadata) => ({ ...command, metadata }) as UnitCommand,
      },
      context,
      payload,
    );
  }

  /**
   * A 2026-2030 command names a commune of the register as it stands: known, not merged away or dissolved, within
   * the province named (a province merged into another answers for no commune any more).
   */
  async requireActiveCommune(provinceCode: string, communeCode: string): Promise<void> {
    const register = await this.unitRegister();
    const refuse = (code: string, message: string, field: string) => {
      throw new DomainError('rule', code, message, [{ code, message, field }]);
    };
    const province = activeUnit(register, 'province', provinceCode);
    if ('problem' in province)
      refuse(province.problem.code, province.problem.message, 'commune.provinceCode');
    const commune = activeUnit(register, 'commune', communeCode);
    if ('problem' in commune)
      return refuse(commune.problem.code, commune.problem.message, 'commune.communeCode');
    if (currentUnitCode(register, commune.unit.provinceCode) !== provinceCode)
      refuse(
        'UNIT_OTHER_PROVINCE',
        `${commune.unit.name} (mã ${communeCode}) không thuộc tỉnh mã ${provinceCode} trong danh mục đơn vị hành chính`,
        'commune.provinceCode',
      );
  }

  /**
   * A command on a commune's own record names a commune of the register within the province named, so that one
   * province cannot write into another's commune by naming its own code (the deciders check the actor's area).
   */
  requireCommuneOfProvince(register: UnitRegister, provinceCode: string, communeCode: string): void {
    const unit = unitAt(register, communeCode);
    if (!unit || unit.kind !== 'commune')
      throw notFound('UNIT_UNKNOWN', `Mã xã ${communeCode} chưa có trong danh mục đơn vị hành chính`);
    if (currentUnitCode(register, unit.provinceCode) !== provinceCode)
      throw forbidden(
        'OUTSIDE_JURISDICTION',
        `${unit.name} (mã ${communeCode}) không thuộc tỉnh mã ${provinceCode} trong danh mục đơn vị hành chính`,
      );
  }

  setPlan(data: SetProvincePlan['data'], context: RequestContext, payload: unknown): Promise<CommandOutcome> {
    return this.gateway.execute(
      {
        streamId: planStreamId(data.provinceCode),
        decider: provincePlanDecider,
        mustExist: false,
        noun: 'kế hoạch của tỉnh',
        command: (metadata) => ({ type: 'SetProvincePlan' as const, data, metadata }),
      },
      context,
      payload,
    );
  }

  async plan(provinceCode: string): Promise<ProvincePlanSetData | null> {
    return (await this.gateway.load(planStreamId(provinceCode), provincePlanDecider)).state.plan;
  }

  /** A commune's record followed through the mergers that formed it. */
  async communeLineage(communeCode: string): Promise<CommuneLineageView> {
    const register = await this.unitRegister();
    const unit = unitAt(register, communeCode);
    if (!unit || unit.kind !== 'commune')
      throw notFound('UNIT_UNKNOWN', `Mã xã ${communeCode} chưa có trong danh mục đơn vị hành chính`);
    const lineage = lineageOf(register, communeCode);
    const records = await this.communeRecords([unit.code, ...lineage.map((u) => u.code)]);
    return communeLineageView(unit, lineage, (code) => records.get(code)!);
  }

  /**
   * Thừa nhận: the province acknowledges a merged commune's level. The register says which communes formed it and
   * when; each one's record says what it held the day before (the decider weighs them, not the caller).
   */
  async acknowledgeCommuneStatus(
    communeCode: string,
    body: { level: string; reasons: readonly string[]; decisionNumber: string; decidedOn: string },
    context: RequestContext,
    payload: unknown,
  ): Promise<CommandOutcome> {
    const register = await this.unitRegister();
    const unit = unitAt(register, communeCode);
    if (!unit || unit.kind !== 'commune')
      throw notFound('UNIT_UNKNOWN', `Mã xã ${communeCode} chưa có trong danh mục đơn vị hành chính`);
    const records = await this.communeRecords(unit.formedBy?.predecessorCodes ?? []);
    const lineage = mergerStandings(
      unit,
      (code) => unitAt(register, code),
      (code) => records.get(code)!,
    );
    return this.gateway.execute(
      {
        streamId: communeStreamId(communeCode),
        decider: communeRecordDecider,
        mustExist: false,
        noun: 'hồ sơ xã',
        command: (metadata) => ({
          type: 'AcknowledgeCommuneStatus' as const,
          data: {
            ...body,
            provinceCode: currentUnitCode(register, unit.provinceCode),
            communeCode,
            communeName: unit.name,
            lineage,
          },
          metadata,
        }),
      },
      context,
      payload,
    );
  }

  private async communeRecords(codes: readonly string[]): Promise<Map<string, CommuneRecord>> {
    const records = await Promise.all(codes.map((code) => this.communeRecord(code)));
    return new Map(codes.map((code, i) => [code, records[i]]));
  }

  /**
   * The dossier as last read. `asCached` takes this process's cached state when there is one, without reading:
   * for what never changes once opened (its commune, level, period).
   */
  async dossier(dossierId: string, asCached = false): Promise<Dossier | null> {
    const { state } = await this.gateway.load(dossierStreamId(dossierId), dossierDecider, asCached);
    return (state as DossierState).status === 'none' ? null : (state as Dossier);
  }

  /**
   * What the commune may open, by procedure and level, and why not: the facts the opening handler reads (record,
   * group, criteria sets, register, slots), weighed by the decider's own rules (openingOptions).
   */
  async openingOptions(
    commune: {
      provinceCode: string;
      communeCode: string;
      districtCode?: string;
      name?: string;
    },
    today: string,
  ): Promise<{ communeName: string; options: OpeningOption[] }> {
    const { provinceCode, communeCode } = commune;
    const [record, register, catalogue] = await Promise.all([
      this.communeRecord(communeCode),
      this.unitRegister(),
      this.catalogue(),
    ]);
    const unit = unitAt(register, communeCode);
    const name = unit?.kind === 'commune' ? unit.name : (commune.name ?? `xã mã ${communeCode}`);
    let registerProblem: OpeningProblem | null = null;
    try {
      await this.requireActiveCommune(provinceCode, communeCode);
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      registerProblem = { code: e.code, message: e.message };
    }
    const documents = currentEntries(catalogue).map((e) => e.document);
    const sets2026: Partial<Record<Level, CriteriaSetDocument>> = {};
    const openDossiers: Partial<Record<Level, string>> = {};
    await Promise.all(
      LEVELS.map(async (level) => {
        sets2026[level] = resolveCriteriaSet(documents, { period: '2026-2030', level, provinceCode, today });
        const { holder } = (
          await this.gateway.load(dossierSlotStreamId(communeCode, level, '2026-2030'), dossierSlotDecider)
        ).state;
        const held = holder ? await this.dossier(holder) : null;
        if (holder && !(held && ['withdrawn', 'refused', 'revoked'].includes(held.status)))
          openDossiers[level] = held?.code ?? holder;
      }),
    );
    return {
      communeName: name,
      options: openingOptions({
        commune: { provinceCode, name, districtCode: commune.districtCode },
        today,
        holdings: holdingsByPeriod(record),
        group: record.group ?? null,
        pilots: Object.fromEntries(
          PILOT_LEVELS.flatMap((level) => {
            const designation = pilotDesignation(record, level);
            return designation ? [[level, designation]] : [];
          }),
        ),
        sets2026,
        openDossiers,
        registerProblem,
      }),
    };
  }

  /** Mã hồ sơ: the next number of the province and year, appended with the expected version (races retry). */
  async allocateCode(
    dossierId: string,
    provinceCode: string,
    year: number,
    context: RequestContext,
  ): Promise<string> {
    const streamId = dossierCodeStreamId(provinceCode, year);
    // Every opening of a province and year appends to one sequence: taken in turn within the process, they
    // do not race each other for the same position (only other processes' allocations still can).
    await this.inTurn(streamId, () =>
      this.gateway.execute(
        {
          streamId,
          decider: dossierCodeDecider,
          mustExist: false,
          noun: 'dãy mã hồ sơ',
          retryOnConflict: CODE_RETRIES,
          command: (metadata) => ({
            type: 'AllocateDossierCode' as const,
            data: { dossierId, provinceCode, year },
            metadata,
          }),
        },
        internal(context),
        null,
      ),
    );
    // The cache holds the sequence as of this allocation or later (it never steps back): no read is needed,
    // unless it was dropped or the allocation was a retry's (then it learned nothing).
    const codeIn = async (trustCache: boolean) =>
      (await this.gateway.load(streamId, dossierCodeDecider, trustCache)).state.byDossier[dossierId] as
        string | undefined;
    const code = (await codeIn(true)) ?? (await codeIn(false));
    if (!code) throw new Error(`No code allocated for dossier ${dossierId} in ${streamId}`);
    return code;
  }

  private inTurn<T>(key: string, work: () => Promise<T>): Promise<T> {
    const mine = (this.allocating.get(key) ?? Promise.resolve()).then(work);
    const done = mine.then(
      () => undefined,
      () => undefined,
    );
    this.allocating.set(key, done);
    void done.then(() => {
      if (this.allocating.get(key) === done) this.allocating.delete(key);
    });
    return mine;
  }

  /**
   * One open dossier per commune, level and period. A slot held by a dossier that has ended (withdrawn,
   * refused, revoked) is released first, so a crash between the end and the release never blocks the commune.
   */
  async reserveSlot(
    slot: { communeCode: string; communeName: string; level: Level; period: Period },
    dossierId: string,
    context: RequestContext,
  ): Promise<void> {
    const streamId = dossierSlotStreamId(slot.communeCode, slot.level, slot.period);
    const reserve = () =>
      this.gateway.execute(
        {
          streamId,
          decider: dossierSlotDecider,
          mustExist: false,
          noun: 'lượt mở hồ sơ',
          // A racing open loses the append, re-reads and is refused by the rule (not a bare version conflict).
          retryOnConflict: 3,
          command: (metadata) => ({
            type: 'ReserveDossierSlot' as const,
            data: { dossierId, communeName: slot.communeName },
            metadata,
          }),
        },
        internal(context),
        null,
      );
    try {
      await reserve();
    } catch (e) {
      if (!(e instanceof DomainError) || e.code !== 'DOSSIER_ALREADY_OPEN') throw e;
      const holder = (await this.gateway.load(streamId, dossierSlotDecider)).state.holder;
      const held = holder ? await this.dossier(holder) : null;
      if (holder && held && ['withdrawn', 'refused', 'revoked'].includes(held.status)) {
        await this.releaseSlot(
          slot,
          holder,
          `Hồ sơ ${held.code ?? holder} đã kết thúc (${held.status})`,
          context,
        );
        await reserve();
        return;
      }
      throw conflict(
        'DOSSIER_ALREADY_OPEN',
        `${slot.communeName} đã có hồ sơ đang mở cho mức và giai đoạn này${held?.code ? ` (mã hồ sơ ${held.code})` : ''}; mỗi xã chỉ có một hồ sơ đang mở`,
      );
    }
  }

  async releaseSlot(
    slot: { communeCode: string; level: Level; period: Period },
    dossierId: string,
    reason: string,
    context: RequestContext,
  ): Promise<void> {
    await this.gateway.execute(
      {
        streamId: dossierSlotStreamId(slot.communeCode, slot.level, slot.period),
        decider: dossierSlotDecider,
        mustExist: false,
        noun: 'lượt mở hồ sơ',
        retryOnConflict: 5,
        command: (metadata) => ({
          type: 'ReleaseDossierSlot' as const,
          data: { dossierId, reason },
          metadata,
        }),
      },
      internal(context),
      null,
    );
  }
}

/** A write the shell makes on its own behalf inside a request: same actor and trace, no key, no If-Match. */
const internal = (context: RequestContext): RequestContext => ({
  actor: context.actor,
  now: context.now,
  correlationId: context.correlationId,
  causationId: context.causationId,
});
