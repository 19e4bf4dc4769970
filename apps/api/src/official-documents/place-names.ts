import { Injectable } from '@nestjs/common';
import { conflict } from '@ntm/decider';
import { unitAt } from '@ntm/units';
import { LawRegistry } from '../dossiers/law.registry';
import type { Places } from './dossier-documents';

/** "Tỉnh Bắc Kạn" is the place "Bắc Kạn" (Appendix I §II.6: the place name without the unit's kind). */
const placeOf = (name: string) => name.replace(/^(tỉnh|thành phố)\s+/i, '');
/** "Thành phố Bắc Kạn" inside a sentence is "thành phố Bắc Kạn". */
const inSentence = (name: string) => name.charAt(0).toLocaleLowerCase('vi-VN') + name.slice(1);

/**
 * The names documents print for a province and a district, from the register of administrative units (read from
 * its stream: a unit registered a moment ago is already there).
 */
@Injectable()
export class PlaceNames {
  constructor(private readonly law: LawRegistry) {}

  async of(provinceCode: string, districtCode?: string | null): Promise<Places> {
    const register = await this.law.unitRegister();
    const province = unitAt(register, provinceCode);
    // A document without the province's name is not a lawful document: refuse rather than print a code.
    if (!province)
      throw conflict(
        'UNITS_NOT_REGISTERED',
        `Chưa đăng ký tên đơn vị hành chính của tỉnh mã ${provinceCode} (PUT /api/v1/admin/units/${provinceCode}): văn bản cần tên tỉnh`,
      );
    const district = districtCode ? unitAt(register, districtCode) : undefined;
    if (districtCode && !district)
      throw conflict(
        'UNITS_NOT_REGISTERED',
        `Chưa đăng ký tên huyện mã ${districtCode} của tỉnh mã ${provinceCode}: văn bản của huyện cần tên huyện`,
      );
    return { province: placeOf(province.name), district: district ? inSentence(district.name) : null };
  }
}
