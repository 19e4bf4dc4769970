import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { conflict } from '@ntm/decider';
import { AdministrativeUnit } from '@ntm/read-models';
import type { Places } from './dossier-documents';

/** "Tỉnh Bắc Kạn" is the place "Bắc Kạn" (Appendix I §II.6: the place name without the unit's kind). */
const placeOf = (name: string) => name.replace(/^(tỉnh|thành phố)\s+/i, '');
/** "Thành phố Bắc Kạn" inside a sentence is "thành phố Bắc Kạn". */
const inSentence = (name: string) => name.charAt(0).toLocaleLowerCase('vi-VN') + name.slice(1);

/** The names documents print for a province and a district, from the registered administrative units. */
@Injectable()
export class PlaceNames {
  constructor(private readonly db: DataSource) {}

  async of(provinceCode: string, districtCode?: string | null): Promise<Places> {
    const units = await this.db.getRepository(AdministrativeUnit).find({
      where: [
        { kind: 'province', code: provinceCode },
        ...(districtCode ? [{ kind: 'district' as const, code: districtCode, provinceCode }] : []),
      ],
    });
    const province = units.find((u) => u.kind === 'province');
    // A document without the province's name is not a lawful document: refuse rather than print a code.
    if (!province)
      throw conflict(
        'UNITS_NOT_REGISTERED',
        `Chưa đăng ký tên đơn vị hành chính của tỉnh mã ${provinceCode} (PUT /api/v1/admin/units/${provinceCode}): văn bản cần tên tỉnh`,
      );
    const district = units.find((u) => u.kind === 'district');
    if (districtCode && !district)
      throw conflict(
        'UNITS_NOT_REGISTERED',
        `Chưa đăng ký tên huyện mã ${districtCode} của tỉnh mã ${provinceCode}: văn bản của huyện cần tên huyện`,
      );
    return { province: placeOf(province.name), district: district ? inSentence(district.name) : null };
  }
}
