import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '@ntm/application';
import { levelLabels, type Level } from '@ntm/criteria';
import { roleLabels, type Actor } from '@ntm/decider';
import type { ExportTitle } from '@ntm/read-models';
import { statusLabels, stepLabels, type DossierStatus, type StepId } from '@ntm/recognition';
import { unitAt, type UnitRegister } from '@ntm/units';
import { LawRegistry } from '../dossiers/law.registry';

type Filter = ExportTitle['filters'][number];

/** The filters a list route takes, as its query and its resolved scope carry them. */
export interface ListFilters {
  readonly provinceCode?: string;
  readonly districtCode?: string;
  readonly communeCode?: string;
  readonly criteriaPeriod?: string;
  readonly year?: number;
  readonly level?: string;
  readonly step?: string;
  readonly status?: string;
  readonly overdue?: boolean;
}

const nameOf = (register: UnitRegister, code: string): string => unitAt(register, code)?.name ?? code;

/**
 * The title block of every XLSX export: the province by its registered name, the report, today's date and the
 * filters in words. An unregistered province is named by its code rather than refusing the export.
 */
@Injectable()
export class ExportTitles {
  constructor(
    private readonly law: LawRegistry,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async of(
    report: string,
    provinceCode: string | undefined,
    filters: readonly Filter[],
  ): Promise<ExportTitle> {
    return this.title(await this.law.unitRegister(), report, provinceCode, filters);
  }

  private title(
    register: UnitRegister,
    report: string,
    provinceCode: string | undefined,
    filters: readonly Filter[],
  ): ExportTitle {
    const province = !provinceCode
      ? 'Toàn quốc'
      : (unitAt(register, provinceCode)?.name ?? `Tỉnh mã ${provinceCode}`);
    return { province, report, exportedAt: this.clock.now().toISOString(), filters };
  }

  /** A list of dossiers or a report over them; `waitingFor` when it holds only what waits for that role. */
  async ofList(report: string, f: ListFilters, waitingFor?: Actor): Promise<ExportTitle> {
    const register = await this.law.unitRegister();
    const filters: Filter[] = [
      ...(waitingFor ? [{ label: 'Việc chờ', value: roleLabels[waitingFor.role] ?? waitingFor.role }] : []),
      ...(f.districtCode ? [{ label: 'Huyện', value: nameOf(register, f.districtCode) }] : []),
      ...(f.communeCode ? [{ label: 'Xã', value: nameOf(register, f.communeCode) }] : []),
      ...(f.criteriaPeriod ? [{ label: 'Giai đoạn bộ tiêu chí', value: f.criteriaPeriod }] : []),
      ...(f.year !== undefined ? [{ label: 'Năm', value: String(f.year) }] : []),
      ...(f.level ? [{ label: 'Mức đạt chuẩn', value: levelLabels[f.level as Level] ?? f.level }] : []),
      ...(f.step ? [{ label: 'Bước', value: stepLabels[f.step as StepId] ?? f.step }] : []),
      ...(f.status
        ? [{ label: 'Trạng thái', value: statusLabels[f.status as DossierStatus] ?? f.status }]
        : []),
      ...(f.overdue !== undefined ? [{ label: 'Quá hạn', value: f.overdue ? 'Có' : 'Không' }] : []),
    ];
    return this.title(register, report, f.provinceCode, filters);
  }
}
