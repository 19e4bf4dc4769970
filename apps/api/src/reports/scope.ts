import { ForbiddenException } from '@nestjs/common';
import type { Actor, Jurisdiction } from '@ntm/decider';
import type { Scope } from '@ntm/read-models';

export interface RequestedScope {
  readonly province?: string;
  readonly district?: string;
  readonly commune?: string;
}

const forbidden = (message: string) => new ForbiddenException({ code: 'OUT_OF_JURISDICTION', message });

/**
 * Narrows the requested filters to what the caller may see: an administrator sees every province; everyone else
 * only the province, district or commune their token is bound to, and asking for another is refused.
 */
export const resolveScope = (actor: Actor, requested: RequestedScope): Scope => {
  if (actor.role === 'admin') {
    return {
      provinceCode: requested.province,
      districtCode: requested.district,
      communeCode: requested.commune,
    };
  }
  const j: Jurisdiction = actor.jurisdiction;
  if (!j.provinceCode) throw forbidden('Tài khoản không gắn với tỉnh nào nên không được xem báo cáo');
  const narrow = (asked: string | undefined, own: string | undefined, unit: string): string | undefined => {
    if (own === undefined) return asked;
    if (asked !== undefined && asked !== own)
      throw forbidden(`Chỉ được xem dữ liệu của ${unit} ${own} (đã yêu cầu ${asked})`);
    return own;
  };
  return {
    provinceCode: narrow(requested.province, j.provinceCode, 'tỉnh'),
    districtCode: narrow(requested.district, j.districtCode, 'huyện'),
    communeCode: narrow(requested.commune, j.communeCode, 'xã'),
  };
};

/** Writes on a province's reference data (plans, units): its own provincial officers, or an administrator. */
export const requireProvinceWriter = (actor: Actor, provinceCode: string, roles: readonly string[]): void => {
  if (actor.role === 'admin') return;
  if (!roles.includes(actor.role)) {
    throw forbidden(
      `Vai trò ${actor.role} không được cập nhật dữ liệu này (cần: ${['admin', ...roles].join(', ')})`,
    );
  }
  if (actor.jurisdiction.provinceCode !== provinceCode || actor.jurisdiction.districtCode !== undefined) {
    throw forbidden(`Chỉ cán bộ cấp tỉnh của tỉnh ${provinceCode} được cập nhật dữ liệu này`);
  }
};
