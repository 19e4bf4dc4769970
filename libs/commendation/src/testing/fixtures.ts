import type { Actor, CommandMetadata, Role } from '@ntm/decider';
import type { EligibilityRecord, RecognitionFact } from '../eligibility';
import type { AwardType, Board, Movement, MovementQuota, Nominee } from '../types';

// Bắc Kạn (mã 06), thành phố Bắc Kạn (058): the communes of shared/domain/articles/bac-kan-city-plan-2021-2025.txt.

export const PROVINCE = '06';
export const NOW = '2025-11-20T03:00:00.000Z';

export const actor = (
  role: Role,
  id: string = role,
  jurisdiction: Actor['jurisdiction'] = { provinceCode: PROVINCE },
): Actor => ({
  id,
  name: id,
  role,
  jurisdiction,
});

export const meta = (a: Actor, now = NOW): CommandMetadata => ({ actor: a, now });

export const secretary = actor('emulation_secretary', 'thu-ky');
export const members = [
  actor('emulation_member', 'uy-vien-1'),
  actor('emulation_member', 'uy-vien-2'),
  actor('emulation_member', 'uy-vien-3'),
  actor('emulation_member', 'uy-vien-4'),
];
export const chairman = actor('chairman', 'chu-tich');
export const provinceOfficer = actor('province_officer', 'can-bo-tinh');
export const districtOfficer = actor('district_officer', 'can-bo-huyen', {
  provinceCode: PROVINCE,
  districtCode: '058',
});
export const system = actor('system', 'system:award-flags', {});

/** A board of five: the secretary and four members. */
export const board: Board = {
  appointedOn: '2025-01-10',
  members: [
    { id: secretary.id, name: 'Hoàng Thị Thư', role: 'secretary' },
    ...members.map((m, i) => ({ id: m.id, name: `Ủy viên ${i + 1}`, role: 'member' as const })),
  ],
};

export const movement: Movement = {
  id: 'ntm-2021-2025',
  name: 'Cả nước chung sức xây dựng nông thôn mới',
  fromYear: 2021,
  toYear: 2025,
  scope: 'toàn quốc',
  launchedBy: 'Thủ tướng Chính phủ',
  launchedOn: '2022-05-18',
};

/** The Prime Minister's Bằng khen for 5% of the communes recognised NTM in the period (2016-2020's first quota). */
export const movementQuota = (over: Partial<MovementQuota> = {}): MovementQuota => ({
  id: 'xa-ntm-trong-giai-doan',
  awardTypeId: 'bang-khen-thu-tuong',
  base: 'province-ntm-in-period',
  share: { num: 5, den: 100 },
  rounding: 'floor',
  source: 'Quyết định 1730/QĐ-TTg (giai đoạn 2016-2020)',
  ...over,
});

export const nongThuong: Nominee = {
  kind: 'commune',
  provinceCode: PROVINCE,
  districtCode: '058',
  communeCode: '01843',
  name: 'xã Nông Thượng',
};
export const duongQuang: Nominee = {
  kind: 'commune',
  provinceCode: PROVINCE,
  districtCode: '058',
  communeCode: '01840',
  name: 'xã Dương Quang',
};
export const hopTacXa: Nominee = {
  kind: 'collective',
  provinceCode: PROVINCE,
  id: 'htx-nong-thuong',
  name: 'Hợp tác xã Nông Thượng',
};
export const person: Nominee = {
  kind: 'individual',
  provinceCode: PROVINCE,
  id: 'nguyen-van-an',
  name: 'Nguyễn Văn An',
  position: 'Chủ tịch UBND xã Nông Thượng',
};

export const review = (over: Partial<AwardType['review']> = {}): AwardType['review'] => ({
  quorum: { num: 2, den: 3, strict: false },
  approval: { num: 1, den: 2, strict: true },
  approvalBase: 'members',
  ...over,
});

export const bangKhen: AwardType = {
  id: 'bang-khen-chu-tich-tinh',
  name: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
  level: 'province',
  nomineeKinds: ['commune', 'collective', 'individual'],
  proposers: ['district_officer', 'province_officer', 'emulation_secretary'],
  decision: { role: 'chairman', authority: 'Chủ tịch Ủy ban nhân dân tỉnh' },
  review: review(),
  rules: [
    { kind: 'holds-recognition', level: 'ntm' },
    { kind: 'recognised-in-period', levels: ['ntm', 'nang-cao', 'kieu-mau'] },
  ],
};

export const bangKhenThuTuong: AwardType = {
  id: 'bang-khen-thu-tuong',
  name: 'Bằng khen của Thủ tướng Chính phủ',
  level: 'central',
  nomineeKinds: ['commune', 'collective', 'individual'],
  proposers: ['emulation_secretary'],
  decision: { role: 'province_officer', authority: 'Thủ tướng Chính phủ' },
  review: review(),
  rules: [
    { kind: 'recognised-in-period', levels: ['ntm', 'nang-cao', 'kieu-mau'] },
    { kind: 'quota', base: 'province-ntm-communes', share: { num: 5, den: 100 }, rounding: 'floor' },
  ],
};

export const giayKhen: AwardType = {
  ...bangKhen,
  id: 'giay-khen-huyen',
  name: 'Giấy khen của Chủ tịch UBND huyện',
  level: 'district',
  decision: { role: 'district_officer', authority: 'Chủ tịch Ủy ban nhân dân huyện' },
  rules: [],
};

export const recognition = (over: Partial<RecognitionFact> = {}): RecognitionFact => ({
  dossierId: 'd-nong-thuong-ntm',
  level: 'ntm',
  decisionNumber: '1234/QĐ-UBND',
  decidedOn: '2023-12-15',
  revoked: null,
  ...over,
});

export const record = (over: Partial<EligibilityRecord> = {}): EligibilityRecord => ({
  recognitions: [recognition()],
  acknowledgements: [],
  surveys: [{ dossierId: 'd-nong-thuong-ntm', satisfactionRate: 0.975, participationRate: 0.8 }],
  standing: null,
  awards: [],
  counts: { 'province-ntm-communes': 40, 'province-kieu-mau-communes': 2, 'cluster-leaders': 5 },
  quotaUse: {},
  ...over,
});
