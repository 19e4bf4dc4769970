import type { TokenClaims } from '@ntm/application';

/**
 * The demo province: Bắc Kạn, with communes named in the provincial news articles (shared/domain/articles).
 * Administrative codes follow the national list's shape; they are demo values, not authoritative.
 */
export const demoProvince = {
  provinceCode: '06',
  name: 'tỉnh Bắc Kạn',
  districts: [
    {
      districtCode: '058',
      name: 'thành phố Bắc Kạn',
      communes: [
        { communeCode: '01843', name: 'xã Nông Thượng' },
        { communeCode: '01840', name: 'xã Dương Quang' },
      ],
    },
    {
      districtCode: '066',
      name: 'huyện Chợ Mới',
      communes: [
        { communeCode: '02044', name: 'xã Thanh Thịnh' },
        { communeCode: '02077', name: 'xã Nông Hạ' },
      ],
    },
    {
      districtCode: '061',
      name: 'huyện Ba Bể',
      communes: [
        { communeCode: '01897', name: 'xã Khang Ninh' },
        { communeCode: '01909', name: 'xã Nam Mẫu' },
      ],
    },
  ],
} as const;

const commune = demoProvince.districts[0].communes[1];
const district = demoProvince.districts[0];
const at = {
  provinceCode: demoProvince.provinceCode,
  districtCode: district.districtCode,
  communeCode: commune.communeCode,
};

/** One user per role, bound to the demo commune, its district or the province. */
export const demoUsers: readonly TokenClaims[] = [
  {
    sub: 'demo-commune-officer',
    name: 'Hoàng Văn Thắng (UBND xã Dương Quang)',
    role: 'commune_officer',
    ...at,
  },
  { sub: 'demo-front-officer', name: 'Lương Thị Hà (UBMTTQ xã Dương Quang)', role: 'front_officer', ...at },
  {
    sub: 'demo-district-officer',
    name: 'Nông Văn Bình (Phòng Kinh tế TP Bắc Kạn)',
    role: 'district_officer',
    provinceCode: at.provinceCode,
    districtCode: at.districtCode,
  },
  {
    sub: 'demo-province-officer',
    name: 'Triệu Thị Lan (VP Điều phối NTM tỉnh)',
    role: 'province_officer',
    provinceCode: at.provinceCode,
  },
  {
    sub: 'demo-council-1',
    name: 'Thành viên Hội đồng thẩm định 1',
    role: 'council_member',
    provinceCode: at.provinceCode,
  },
  {
    sub: 'demo-council-2',
    name: 'Thành viên Hội đồng thẩm định 2',
    role: 'council_member',
    provinceCode: at.provinceCode,
  },
  {
    sub: 'demo-council-3',
    name: 'Thành viên Hội đồng thẩm định 3',
    role: 'council_member',
    provinceCode: at.provinceCode,
  },
  {
    sub: 'demo-chairman',
    name: 'Chủ tịch UBND tỉnh Bắc Kạn',
    role: 'chairman',
    provinceCode: at.provinceCode,
  },
  {
    sub: 'demo-emulation-board',
    name: 'Hoàng Thị Thư (Ban Thi đua - Khen thưởng tỉnh)',
    role: 'emulation_secretary',
    provinceCode: at.provinceCode,
  },
  { sub: 'demo-admin', name: 'Quản trị hệ thống', role: 'admin' },
];

export const demoCommune = { ...at, name: commune.name };

/**
 * Members of the province's Emulation and Commendation Council besides its secretary (`emulation-board`): the
 * council votes on nominations, each member in person.
 */
export const demoEmulationMembers: readonly TokenClaims[] = [
  { sub: 'demo-emulation-member-1', name: 'Lục Văn Hải (Sở Nội vụ)' },
  { sub: 'demo-emulation-member-2', name: 'Bế Thị Ngọc (Sở Nông nghiệp và Môi trường)' },
].map((m) => ({ ...m, role: 'emulation_member', provinceCode: at.provinceCode }));

/** The council the demo chairman appoints: `emulation-board` as its secretary, the two members. */
export const demoEmulationBoard = {
  members: [
    { id: 'demo-emulation-board', name: 'Hoàng Thị Thư', role: 'secretary' as const },
    ...demoEmulationMembers.map((m) => ({
      id: m.sub,
      name: m.name!.replace(/ \(.*$/, ''),
      role: 'member' as const,
    })),
  ],
  appointedOn: '2025-01-10',
};

/** A second commune officer, for xã Nông Thượng (a commune with no dossier yet in the demo). */
export const demoSecondCommuneOfficer: TokenClaims = {
  sub: 'demo-commune-officer-2',
  name: 'Ma Thị Huyền (UBND xã Nông Thượng)',
  role: 'commune_officer',
  provinceCode: demoProvince.provinceCode,
  districtCode: district.districtCode,
  communeCode: district.communes[0].communeCode,
};

/** A second Front officer of the demo commune: paper ballots are entered twice, by two officers. */
export const demoSecondFrontOfficer: TokenClaims = {
  sub: 'demo-front-officer-2',
  name: 'Hà Thị Thu (UBMTTQ xã Dương Quang)',
  role: 'front_officer',
  ...at,
};

/**
 * A commune officer under two-tier local government (from 01/07/2025 there is no district, so the officer carries
 * no district code): the 2026-2030 dossiers of xã Dương Quang are theirs (Decision 51/2025/QĐ-TTg).
 */
export const demoCommuneOfficer2026: TokenClaims = {
  sub: 'demo-commune-officer-2026',
  name: 'Đinh Thị Mai (UBND xã Dương Quang)',
  role: 'commune_officer',
  provinceCode: demoProvince.provinceCode,
  communeCode: commune.communeCode,
};

/**
 * Sign-in names of the demo users at the demo OpenID Connect provider (development and demo only; the
 * provider is never mounted in production). One password for all of them, printed in README.
 */
export const DEMO_PASSWORD = 'BacKan@2025';
export const demoLogins: readonly { readonly username: string; readonly claims: TokenClaims }[] = [
  ...demoUsers.map((claims) => ({ username: claims.sub.replace(/^demo-/, ''), claims })),
  { username: 'commune-officer-2', claims: demoSecondCommuneOfficer },
  { username: 'front-officer-2', claims: demoSecondFrontOfficer },
  { username: 'commune-officer-2026', claims: demoCommuneOfficer2026 },
  ...demoEmulationMembers.map((claims) => ({ username: claims.sub.replace(/^demo-/, ''), claims })),
];

/** The demo users' mail addresses (`<user name>@ntm-demo.test`, a reserved domain): the default mail directory. */
export const demoMailDirectory = demoLogins
  .filter(({ claims }) => claims.role !== 'admin')
  .map(({ username, claims }) => ({
    email: `${username}@ntm-demo.test`,
    name: claims.name ?? username,
    role: claims.role,
    provinceCode: claims.provinceCode,
    districtCode: claims.districtCode,
    communeCode: claims.communeCode,
  }));
