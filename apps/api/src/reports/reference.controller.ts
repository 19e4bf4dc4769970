import {
  Body,
  Controller,
  Get,
  Inject,
  NotFoundException,
  Post,
  Put,
  Query,
  Req,
  type RawBodyRequest,
} from '@nestjs/common';
import type { Request } from 'express';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Clock } from '@ntm/application';
import { actorCoversProvince, forbidden, type Actor } from '@ntm/decider';
import { LEVELS, PERIODS, periodLevels, periodYears, type CommuneGroup, type Level } from '@ntm/criteria';
import {
  administrativeUnits,
  communeGroups,
  communeGroupsTable,
  communePilots,
  communePilotsTable,
  unitsTable,
  type CommuneGroupRow,
  type CommunePilotRow,
  type UnitRow,
} from '@ntm/read-models';
import type { CommuneGroupFact, CommunePilotFact } from '@ntm/recognition';
import { currentUnitCode, unitAt, type ProvincePlanSetData, type UnitChange } from '@ntm/units';
import { CurrentActor } from '../auth/current-actor';
import { IdParam, ProvinceCodeParam } from '../http/constraints';
import { documentText, RequestMeta, requestContext, type CommandHeaders } from '../http/request-context';
import { LawRegistry } from '../dossiers/law.registry';
import { ReadModels } from './read-models.service';
import { MinPositionQueryDto } from '../http/constraints';
import { PlanDto, RegisterUnitsDto, ScopeQueryDto, UnitChangesDto } from './reports.dto';
import { resolveScope } from './scope';
import { Answers } from '../http/swagger';

/** Fails closed: only the province's own users (and national roles) read its communes' facts. */
const requireOwnProvince = (actor: Actor, provinceCode: string): void => {
  if (!actorCoversProvince(actor, provinceCode))
    throw forbidden('OUTSIDE_JURISDICTION', `Tỉnh mã ${provinceCode} nằm ngoài địa bàn phụ trách`);
};

/**
 * Reference data the read models are measured against: the register of administrative units (so communes with no
 * dossier yet are counted; lineage through the 2025 mergers) and the provinces' plans. Writes are commands on event
 * streams (who, when, on which basis); reads come from their projections (?minPosition= waits for one's own write).
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1')
export class ReferenceController {
  constructor(
    private readonly law: LawRegistry,
    private readonly readModels: ReadModels,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Put('admin/units/:provinceCode')
  @Answers('UnitsRegistered')
  @ApiOperation({
    summary:
      'Nạp danh mục đơn vị hành chính của tỉnh (huyện, xã) từ tệp JSON (quản trị): đơn vị đã có được giữ nguyên hoặc đổi tên; lỗi nêu dòng và trường, có lỗi thì không ghi gì; sắp xếp và giải thể dùng POST admin/units/changes',
  })
  @ApiBody({ description: 'Danh mục của tỉnh (JSON)', type: RegisterUnitsDto })
  async registerUnits(
    @IdParam('provinceCode') provinceCode: string,
    @Body() body: unknown,
    @Req() req: RawBodyRequest<Request>,
    @RequestMeta() h: CommandHeaders,
  ) {
    const outcome = await this.law.changeUnits(
      { type: 'LoadProvinceUnits', data: { provinceCode, document: documentText(req, body) } },
      requestContext(h, this.clock.now()),
      { route: 'RegisterUnits', provinceCode, body },
    );
    // Read whole by the register's reader: the lists are sound here.
    const file = body as RegisterUnitsDto;
    return {
      provinceCode,
      districts: file.districts?.length ?? 0,
      communes: file.communes.length,
      position: outcome.position,
    };
  }

  @Post('admin/units/changes')
  @Answers('UnitsChanged', 201)
  @ApiOperation({
    summary:
      'Cập nhật danh mục đơn vị hành chính (quản trị): đăng ký, đổi tên, sắp xếp (nhập), giải thể, kèm căn cứ; có lỗi thì không ghi gì',
  })
  @ApiBody({ description: 'Danh sách thay đổi theo thứ tự, xem README', type: UnitChangesDto })
  async changeUnits(@Body() body: UnitChangesDto, @RequestMeta() h: CommandHeaders) {
    const outcome = await this.law.changeUnits(
      { type: 'ChangeUnits', data: { changes: body.changes as unknown as UnitChange[] } },
      requestContext(h, this.clock.now()),
      { route: 'ChangeUnits', body },
    );
    return { changes: body.changes.length, events: outcome.events.length, position: outcome.position };
  }

  @Get('admin/units/:provinceCode')
  @Answers('ProvinceUnits')
  @ApiOperation({ summary: 'Đơn vị hành chính của tỉnh trong danh mục, với tình trạng và nguồn gốc sắp xếp' })
  async units(
    @CurrentActor() actor: Actor,
    @IdParam('provinceCode') provinceCode: string,
    @Query() q: ScopeQueryDto,
  ) {
    resolveScope(actor, { province: provinceCode });
    const view = await this.readModels.view([administrativeUnits], q.minPosition);
    const units: UnitRow[] = await this.readModels.db.query(
      `SELECT * FROM ${view.table(administrativeUnits, unitsTable)} WHERE province_code = $1 ORDER BY kind, code`,
      [provinceCode],
    );
    const province = units.find((u) => u.kind === 'province');
    if (!province)
      throw new NotFoundException({
        code: 'UNITS_NOT_REGISTERED',
        message: `Tỉnh ${provinceCode} chưa đăng ký đơn vị hành chính`,
      });
    const lineage = (u: UnitRow) => ({
      status: u.status,
      successorCode: u.successor_code,
      predecessorCodes: u.predecessor_codes,
      since: u.since,
      basis: u.basis_number
        ? { number: u.basis_number, issuedOn: u.basis_issued_on, unverified: u.basis_unverified }
        : null,
      formerNames: u.former_names,
    });
    const of = (kind: UnitRow['kind']) => units.filter((u) => u.kind === kind);
    return {
      provinceCode,
      name: province.name,
      ...lineage(province),
      districts: of('district').map((u) => ({ code: u.code, name: u.name, ...lineage(u) })),
      communes: of('commune').map((u) => ({
        code: u.code,
        name: u.name,
        districtCode: u.district_code,
        ...lineage(u),
      })),
      villages: of('village').map((u) => ({
        code: u.code,
        name: u.name,
        communeCode: u.parent_code,
        ...lineage(u),
      })),
      position: view.position,
    };
  }

  @Get('provinces/:provinceCode/commune-groups')
  @Answers('ProvinceCommuneGroups')
  @ApiOperation({
    summary:
      'Nhóm xã (Quyết định 51/2025/QĐ-TTg) của mọi xã trong tỉnh đã được xác định nhóm, kèm căn cứ và ngày',
  })
  async communeGroups(
    @CurrentActor() actor: Actor,
    @ProvinceCodeParam() provinceCode: string,
    @Query() q: MinPositionQueryDto,
  ) {
    requireOwnProvince(actor, provinceCode);
    const view = await this.readModels.view([communeGroups], q.minPosition);
    const rows: CommuneGroupRow[] = await this.readModels.db.query(
      `SELECT * FROM ${view.table(communeGroups, communeGroupsTable)} WHERE province_code = $1 ORDER BY commune_code`,
      [provinceCode],
    );
    return {
      provinceCode,
      communes: rows.map((r) => ({
        communeCode: r.commune_code,
        group: {
          provinceCode: r.province_code,
          group: r.group as CommuneGroup,
          basis: r.basis,
          decidedOn: r.decided_on,
          setBy: r.set_by,
          setAt: r.set_at,
        } satisfies CommuneGroupFact,
      })),
      position: view.position,
    };
  }

  @Get('provinces/:provinceCode/commune-pilots')
  @Answers('ProvinceCommunePilots')
  @ApiOperation({
    summary:
      'Các xã được chọn thí điểm (xã nông thôn mới hiện đại, Quyết định 51/2025/QĐ-TTg Phụ lục II) của tỉnh, kèm căn cứ và ngày; cả các xã đã đưa ra khỏi danh sách',
  })
  async communePilots(
    @CurrentActor() actor: Actor,
    @ProvinceCodeParam() provinceCode: string,
    @Query() q: MinPositionQueryDto,
  ) {
    requireOwnProvince(actor, provinceCode);
    const view = await this.readModels.view([communePilots], q.minPosition);
    const rows: CommunePilotRow[] = await this.readModels.db.query(
      `SELECT * FROM ${view.table(communePilots, communePilotsTable)} WHERE province_code = $1 ORDER BY commune_code, level`,
      [provinceCode],
    );
    return {
      provinceCode,
      communes: rows.map((r) => ({
        communeCode: r.commune_code,
        pilot: {
          provinceCode: r.province_code,
          level: r.level as Level,
          designated: r.designated,
          basis: r.basis,
          decidedOn: r.decided_on,
          setBy: r.set_by,
          setAt: r.set_at,
        } satisfies CommunePilotFact,
      })),
      position: view.position,
    };
  }

  /**
   * The signed-in user's own area as the register names it (the web app's header shows it): read from the register's
   * stream, so a unit registered a moment ago is named. A code the register does not know has no name (null). A
   * province merged into another (Resolution 202/2025/QH15) also names the province it is now part of.
   */
  @Get('me/area')
  @Answers('MyArea')
  @ApiOperation({
    summary: 'Địa bàn của người đang đăng nhập: tên tỉnh, huyện, xã theo danh mục đơn vị hành chính',
  })
  async myArea(@CurrentActor() actor: Actor) {
    const register = await this.law.unitRegister();
    const named = (code: string) => ({ code, name: unitAt(register, code)?.name ?? null });
    const mergedInto = (code: string) => {
      const now = currentUnitCode(register, code);
      return now === code ? null : named(now);
    };
    const { provinceCode, districtCode, communeCode } = actor.jurisdiction;
    return {
      province: provinceCode === undefined ? null : { ...named(provinceCode), now: mergedInto(provinceCode) },
      district: districtCode === undefined ? null : named(districtCode),
      commune: communeCode === undefined ? null : named(communeCode),
    };
  }

  /** The programme's periods with the levels each offers: what a plan's target of a year may be (the form's choices). */
  @Get('periods')
  @Answers('ProgrammePeriods')
  @ApiOperation({
    summary: 'Các giai đoạn của chương trình: năm đầu, năm cuối và các mức đạt chuẩn của giai đoạn',
  })
  periods() {
    return PERIODS.map((period) => ({ period, ...periodYears(period), levels: [...periodLevels[period]] }));
  }

  @Put('plans/:provinceCode')
  @Answers('ProvincePlanSet')
  @ApiOperation({
    summary:
      'Nhập kế hoạch của tỉnh: chỉ tiêu số xã đạt chuẩn theo năm, mức và huyện (cán bộ cấp tỉnh, quản trị)',
  })
  async setPlan(
    @IdParam('provinceCode') provinceCode: string,
    @Body() body: PlanDto,
    @RequestMeta() h: CommandHeaders,
  ) {
    const outcome = await this.law.setPlan(
      { provinceCode, title: body.title, reference: body.reference ?? null, targets: body.targets },
      requestContext(h, this.clock.now()),
      { route: 'SetProvincePlan', provinceCode, body },
    );
    return { ...planView(provinceCode, await this.law.plan(provinceCode)), position: outcome.position };
  }

  /** One province's plan is one stream: read whole, as the criteria sets and procedures are. */
  @Get('plans/:provinceCode')
  @Answers('ProvincePlan')
  @ApiOperation({ summary: 'Kế hoạch của tỉnh và các chỉ tiêu' })
  async plan(@CurrentActor() actor: Actor, @IdParam('provinceCode') provinceCode: string) {
    resolveScope(actor, { province: provinceCode });
    return planView(provinceCode, await this.law.plan(provinceCode));
  }
}

const planView = (provinceCode: string, plan: ProvincePlanSetData | null) => {
  if (!plan)
    throw new NotFoundException({
      code: 'PLAN_NOT_FOUND',
      message: `Tỉnh ${provinceCode} chưa nhập kế hoạch`,
    });
  const order = (t: ProvincePlanSetData['targets'][number]) =>
    `${t.districtCode}|${t.year}|${String(LEVELS.indexOf(t.level as Level))}`;
  return {
    provinceCode,
    title: plan.title,
    reference: plan.reference,
    updatedBy: plan.setBy,
    updatedAt: plan.setAt,
    targets: [...plan.targets]
      .sort((a, b) => order(a).localeCompare(order(b)))
      .map((t) => ({
        year: t.year,
        level: t.level as Level,
        target: t.target,
        districtCode: t.districtCode || null,
      })),
  };
};
