import { BadRequestException, Body, Controller, Get, Inject, NotFoundException, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { LEVELS, levelLabels, type Level } from '@ntm/criteria';
import type { Actor } from '@ntm/decider';
import { AdministrativeUnit, PlanTarget, ProvincePlan } from '@ntm/read-models';
import { CurrentActor } from '../auth/current-actor';
import { IdParam } from '../http/constraints';
import { Clock } from '@ntm/application';
import { PlanDto, RegisterUnitsDto } from './reports.dto';
import { requireProvinceWriter, resolveScope } from './scope';

const duplicates = <T>(items: readonly T[], key: (t: T) => string): string[] => {
  const seen = new Set<string>();
  return items.map(key).filter((k) => (seen.has(k) ? true : (seen.add(k), false)));
};

const invalid = (code: string, message: string) => new BadRequestException({ code, message });

/**
 * Reference data the read models are measured against: the administrative units of a province (so communes with
 * no dossier yet are counted) and the province's plan (targets by year, level and district).
 */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('api/v1')
export class ReferenceController {
  constructor(
    private readonly db: DataSource,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Put('admin/units/:provinceCode')
  @ApiOperation({
    summary:
      'Đăng ký đơn vị hành chính của tỉnh (huyện, xã); danh sách gửi lên thay thế danh sách cũ (quản trị)',
  })
  async registerUnits(
    @CurrentActor() actor: Actor,
    @IdParam('provinceCode') provinceCode: string,
    @Body() body: RegisterUnitsDto,
  ) {
    requireProvinceWriter(actor, provinceCode, []);
    const dupDistricts = duplicates(body.districts, (d) => d.code);
    if (dupDistricts.length) throw invalid('DUPLICATE_UNIT', `Mã huyện bị trùng: ${dupDistricts.join(', ')}`);
    const dupCommunes = duplicates(body.communes, (c) => c.code);
    if (dupCommunes.length) throw invalid('DUPLICATE_UNIT', `Mã xã bị trùng: ${dupCommunes.join(', ')}`);
    const districts = new Set(body.districts.map((d) => d.code));
    const orphans = body.communes.filter(
      (c) => c.districtCode !== undefined && !districts.has(c.districtCode),
    );
    if (orphans.length) {
      throw invalid(
        'UNKNOWN_DISTRICT',
        `Xã thuộc huyện chưa có trong danh sách: ${orphans.map((c) => `${c.name} (${c.districtCode})`).join(', ')}`,
      );
    }
    const now = this.clock.now();
    const unit = (
      kind: AdministrativeUnit['kind'],
      code: string,
      name: string,
      districtCode: string | null,
    ) =>
      Object.assign(new AdministrativeUnit(), {
        kind,
        code,
        name,
        provinceCode,
        districtCode,
        updatedBy: actor.id,
        updatedAt: now,
      });
    const units = [
      unit('province', provinceCode, body.name, null),
      ...body.districts.map((d) => unit('district', d.code, d.name, null)),
      ...body.communes.map((c) => unit('commune', c.code, c.name, c.districtCode ?? null)),
    ];
    await this.db.transaction(async (m) => {
      await m.delete(AdministrativeUnit, { provinceCode });
      await m.save(units, { chunk: 1000 });
    });
    return { provinceCode, districts: body.districts.length, communes: body.communes.length };
  }

  @Get('admin/units/:provinceCode')
  @ApiOperation({ summary: 'Đơn vị hành chính đã đăng ký của tỉnh' })
  async units(@CurrentActor() actor: Actor, @IdParam('provinceCode') provinceCode: string) {
    resolveScope(actor, { province: provinceCode });
    const units = await this.db
      .getRepository(AdministrativeUnit)
      .find({ where: { provinceCode }, order: { kind: 'ASC', code: 'ASC' } });
    const province = units.find((u) => u.kind === 'province');
    if (!province)
      throw new NotFoundException({
        code: 'UNITS_NOT_REGISTERED',
        message: `Tỉnh ${provinceCode} chưa đăng ký đơn vị hành chính`,
      });
    return {
      provinceCode,
      name: province.name,
      districts: units.filter((u) => u.kind === 'district').map(({ code, name }) => ({ code, name })),
      communes: units
        .filter((u) => u.kind === 'commune')
        .map(({ code, name, districtCode }) => ({ code, name, districtCode })),
    };
  }

  @Put('plans/:provinceCode')
  @ApiOperation({
    summary:
      'Nhập kế hoạch của tỉnh: chỉ tiêu số xã đạt chuẩn theo năm, mức và huyện (cán bộ cấp tỉnh, quản trị)',
  })
  async setPlan(
    @CurrentActor() actor: Actor,
    @IdParam('provinceCode') provinceCode: string,
    @Body() body: PlanDto,
  ) {
    requireProvinceWriter(actor, provinceCode, ['province_officer']);
    const key = (t: { districtCode?: string; year: number; level: string }) =>
      `${t.districtCode ?? ''}|${t.year}|${t.level}`;
    const dup = duplicates(body.targets, key);
    if (dup.length) throw invalid('DUPLICATE_TARGET', `Chỉ tiêu bị trùng (huyện|năm|mức): ${dup.join(', ')}`);
    // A higher standard is a subset of the lower one: 20 nâng cao communes are among the 60 NTM communes.
    const byKey = new Map(body.targets.map((t) => [key(t), t.target]));
    for (const t of body.targets) {
      const i = LEVELS.indexOf(t.level as Level);
      const lower = i > 0 ? byKey.get(key({ ...t, level: LEVELS[i - 1] })) : undefined;
      if (lower !== undefined && t.target > lower) {
        throw invalid(
          'TARGET_EXCEEDS_LOWER_LEVEL',
          `Chỉ tiêu ${levelLabels[t.level as Level]} năm ${t.year}${t.districtCode ? ` (huyện ${t.districtCode})` : ''} là ${t.target} xã, lớn hơn chỉ tiêu ${levelLabels[LEVELS[i - 1]]} (${lower} xã)`,
        );
      }
    }
    const now = this.clock.now();
    await this.db.transaction(async (m) => {
      await m.save(
        Object.assign(new ProvincePlan(), {
          provinceCode,
          title: body.title,
          reference: body.reference ?? null,
          updatedBy: actor.id,
          updatedAt: now,
        }),
      );
      await m.delete(PlanTarget, { provinceCode });
      await m.save(
        body.targets.map((t) =>
          Object.assign(new PlanTarget(), {
            provinceCode,
            districtCode: t.districtCode ?? '',
            year: t.year,
            level: t.level,
            target: t.target,
          }),
        ),
        { chunk: 1000 },
      );
    });
    return this.plan(actor, provinceCode);
  }

  @Get('plans/:provinceCode')
  @ApiOperation({ summary: 'Kế hoạch của tỉnh và các chỉ tiêu' })
  async plan(@CurrentActor() actor: Actor, @IdParam('provinceCode') provinceCode: string) {
    resolveScope(actor, { province: provinceCode });
    const plan = await this.db.getRepository(ProvincePlan).findOneBy({ provinceCode });
    if (!plan)
      throw new NotFoundException({
        code: 'PLAN_NOT_FOUND',
        message: `Tỉnh ${provinceCode} chưa nhập kế hoạch`,
      });
    const targets = await this.db
      .getRepository(PlanTarget)
      .find({ where: { provinceCode }, order: { districtCode: 'ASC', year: 'ASC', level: 'ASC' } });
    return {
      provinceCode,
      title: plan.title,
      reference: plan.reference,
      updatedBy: plan.updatedBy,
      updatedAt: plan.updatedAt.toISOString(),
      targets: targets.map((t) => ({
        year: t.year,
        level: t.level,
        target: t.target,
        districtCode: t.districtCode || null,
      })),
    };
  }
}
