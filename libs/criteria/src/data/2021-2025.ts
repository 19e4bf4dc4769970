import type { Criterion, CriterionGroup, KieuMauConditions } from '../types';

// Indicators and per-region thresholds were not found in a public source (RULES.md §2.1): the arrays stay
// empty until they are copied from Decision 318 or from a province's own set.
const criterion = (number: number, group: CriterionGroup, name: string, key = false): Criterion => ({
  number,
  group,
  name,
  key,
  indicators: [],
});

/** Decision 318/QĐ-TTg, Bộ tiêu chí quốc gia về xã nông thôn mới 2021-2025. Names verified (RULES.md §2.1). */
export const ntmCriteria2021: readonly Criterion[] = [
  criterion(1, 'quy-hoach', 'Quy hoạch'),
  criterion(2, 'ha-tang-kinh-te-xa-hoi', 'Giao thông'),
  criterion(3, 'ha-tang-kinh-te-xa-hoi', 'Thủy lợi và phòng, chống thiên tai'),
  criterion(4, 'ha-tang-kinh-te-xa-hoi', 'Điện'),
  criterion(5, 'ha-tang-kinh-te-xa-hoi', 'Trường học'),
  criterion(6, 'ha-tang-kinh-te-xa-hoi', 'Cơ sở vật chất văn hóa'),
  criterion(7, 'ha-tang-kinh-te-xa-hoi', 'Cơ sở hạ tầng thương mại nông thôn'),
  criterion(8, 'ha-tang-kinh-te-xa-hoi', 'Thông tin và Truyền thông'),
  criterion(9, 'ha-tang-kinh-te-xa-hoi', 'Nhà ở dân cư'),
  criterion(10, 'kinh-te-to-chuc-san-xuat', 'Thu nhập', true),
  criterion(11, 'kinh-te-to-chuc-san-xuat', 'Nghèo đa chiều'),
  criterion(12, 'kinh-te-to-chuc-san-xuat', 'Lao động'),
  criterion(13, 'kinh-te-to-chuc-san-xuat', 'Tổ chức sản xuất và phát triển kinh tế nông thôn'),
  criterion(14, 'van-hoa-xa-hoi-moi-truong', 'Giáo dục và Đào tạo'),
  criterion(15, 'van-hoa-xa-hoi-moi-truong', 'Y tế'),
  criterion(16, 'van-hoa-xa-hoi-moi-truong', 'Văn hóa'),
  criterion(17, 'van-hoa-xa-hoi-moi-truong', 'Môi trường và an toàn thực phẩm', true),
  criterion(18, 'he-thong-chinh-tri', 'Hệ thống chính trị và tiếp cận pháp luật'),
  criterion(19, 'he-thong-chinh-tri', 'Quốc phòng và An ninh', true),
];

/**
 * Decision 318/QĐ-TTg, Bộ tiêu chí quốc gia về xã nông thôn mới nâng cao 2021-2025.
 * UNVERIFIED: names and groups are from memory (RULES.md §2.2); only "Môi trường" and "Chất lượng môi trường
 * sống" being separate criteria is confirmed by the revocation rules.
 */
export const nangCaoCriteria2021: readonly Criterion[] = [
  criterion(1, 'quy-hoach', 'Quy hoạch'),
  criterion(2, 'ha-tang-kinh-te-xa-hoi', 'Giao thông'),
  criterion(3, 'ha-tang-kinh-te-xa-hoi', 'Thủy lợi và phòng, chống thiên tai'),
  criterion(4, 'ha-tang-kinh-te-xa-hoi', 'Điện'),
  criterion(5, 'ha-tang-kinh-te-xa-hoi', 'Giáo dục'),
  criterion(6, 'ha-tang-kinh-te-xa-hoi', 'Văn hóa'),
  criterion(7, 'ha-tang-kinh-te-xa-hoi', 'Cơ sở hạ tầng thương mại nông thôn'),
  criterion(8, 'ha-tang-kinh-te-xa-hoi', 'Thông tin và truyền thông'),
  criterion(9, 'ha-tang-kinh-te-xa-hoi', 'Nhà ở dân cư'),
  criterion(10, 'kinh-te-to-chuc-san-xuat', 'Thu nhập', true),
  criterion(11, 'kinh-te-to-chuc-san-xuat', 'Nghèo đa chiều'),
  criterion(12, 'kinh-te-to-chuc-san-xuat', 'Lao động'),
  criterion(13, 'kinh-te-to-chuc-san-xuat', 'Tổ chức sản xuất và phát triển kinh tế'),
  criterion(14, 'van-hoa-xa-hoi-moi-truong', 'Y tế'),
  criterion(15, 'he-thong-chinh-tri', 'Hành chính công'),
  criterion(16, 'he-thong-chinh-tri', 'Tiếp cận pháp luật'),
  criterion(17, 'van-hoa-xa-hoi-moi-truong', 'Môi trường', true),
  criterion(18, 'van-hoa-xa-hoi-moi-truong', 'Chất lượng môi trường sống', true),
  criterion(19, 'he-thong-chinh-tri', 'Quốc phòng và an ninh', true),
];

/** Decision 319/QĐ-TTg (RULES.md §2.3). The province specifies the smart village model and the fields. */
export const kieuMauConditions2021: KieuMauConditions = {
  incomeFactor: 1.1,
  minSmartVillages: 1,
  minOutstandingFields: 1,
};
