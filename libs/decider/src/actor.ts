import { forbidden } from './errors';

/** The roles of NTM Dossiers. Role names are stable identifiers used in tokens and events. */
export const ROLES = [
  'commune_officer',
  'front_officer',
  'district_officer',
  'province_officer',
  'council_member',
  'chairman',
  'emulation_secretary',
  'emulation_member',
  'admin',
  'system',
] as const;
export type Role = (typeof ROLES)[number];

/** The administrative level a role works at; it says which jurisdiction codes an actor of the role carries. */
export type RoleLevel = 'national' | 'province' | 'district' | 'commune';

/**
 * The only roles that are national by definition and so have no area: the system administrator and the system
 * itself (timers, process managers, the public ballot page). Every other role is bound to an area.
 */
export const NATIONAL_ROLES: readonly Role[] = ['admin', 'system'];

/** Every role's level. A role missing here would not compile; a role not national must carry its area's codes. */
export const ROLE_LEVELS: Readonly<Record<Role, RoleLevel>> = {
  commune_officer: 'commune',
  front_officer: 'commune',
  district_officer: 'district',
  province_officer: 'province',
  council_member: 'province',
  chairman: 'province',
  emulation_secretary: 'province',
  emulation_member: 'province',
  admin: 'national',
  system: 'national',
};

export const isNationalRole = (role: Role): boolean => NATIONAL_ROLES.includes(role);

/** Shapes of the national list of administrative unit codes: province 2 digits, district 3, commune 5. */
export const UNIT_CODE_PATTERNS = {
  provinceCode: /^\d{2}$/,
  districtCode: /^\d{3}$/,
  communeCode: /^\d{5}$/,
} as const;
type CodeKey = keyof typeof UNIT_CODE_PATTERNS;

/** Administrative units an actor may act for. Absent codes mean "any below the given level". */
export interface Jurisdiction {
  readonly provinceCode?: string;
  readonly districtCode?: string;
  readonly communeCode?: string;
}

export interface Actor {
  readonly id: string;
  readonly name?: string;
  readonly role: Role;
  readonly jurisdiction: Jurisdiction;
}

/** Where an object sits in the administrative tree. */
export interface Location {
  readonly provinceCode: string;
  readonly districtCode?: string;
  readonly communeCode: string;
}

const CODE_LABELS: Record<CodeKey, string> = {
  provinceCode: 'mã tỉnh (provinceCode, 2 chữ số)',
  districtCode: 'mã huyện (districtCode, 3 chữ số)',
  communeCode: 'mã xã (communeCode, 5 chữ số)',
};

/**
 * Which codes a role's level requires, allows, and forbids. A commune has no district after the 2025 reform of
 * local government (two-tier procedure), so a commune-level actor may carry the district code but need not.
 */
const CODES_BY_LEVEL: Readonly<Record<RoleLevel, { required: CodeKey[]; optional: CodeKey[] }>> = {
  national: { required: [], optional: [] },
  province: { required: ['provinceCode'], optional: [] },
  district: { required: ['provinceCode', 'districtCode'], optional: [] },
  commune: { required: ['provinceCode', 'communeCode'], optional: ['districtCode'] },
};

export type JurisdictionResult =
  | { readonly ok: true; readonly jurisdiction: Jurisdiction }
  | { readonly ok: false; readonly problems: readonly string[] };

/**
 * Reads a role's jurisdiction from untrusted values (token claims): every code the role's level needs must be
 * a string of the right digits, and no code may be given that the level does not have. Returns every problem
 * (in Vietnamese), never a partial jurisdiction: an area half read would widen what the actor may do.
 */
export const parseJurisdiction = (role: Role, raw: Readonly<Record<string, unknown>>): JurisdictionResult => {
  const { required, optional } = CODES_BY_LEVEL[ROLE_LEVELS[role]];
  const problems: string[] = [];
  const jurisdiction: { -readonly [K in CodeKey]?: string } = {};
  for (const key of Object.keys(UNIT_CODE_PATTERNS) as CodeKey[]) {
    const value = raw[key];
    const present = value !== undefined;
    if (!required.includes(key) && !optional.includes(key)) {
      if (present) problems.push(`vai trò ${role} không mang ${CODE_LABELS[key]}`);
      continue;
    }
    if (!present) {
      if (required.includes(key)) problems.push(`thiếu ${CODE_LABELS[key]} của vai trò ${role}`);
      continue;
    }
    if (typeof value !== 'string' || !UNIT_CODE_PATTERNS[key].test(value)) {
      problems.push(`${CODE_LABELS[key]} không hợp lệ`);
      continue;
    }
    jurisdiction[key] = value;
  }
  return problems.length ? { ok: false, problems } : { ok: true, jurisdiction };
};

/**
 * A jurisdiction covers a location when every code it is bound to matches it.
 * A provincial officer (province code only) covers all communes of the province. This alone fails open for an
 * empty jurisdiction: to check an actor, use `actorCovers` / `requireCovers`.
 */
export const covers = (j: Jurisdiction, loc: Location): boolean =>
  (j.provinceCode === undefined || j.provinceCode === loc.provinceCode) &&
  (j.districtCode === undefined || j.districtCode === loc.districtCode) &&
  (j.communeCode === undefined || j.communeCode === loc.communeCode);

/**
 * Fails closed: a national role covers everywhere; any other actor covers a location only when it carries the
 * codes its role's level requires and they match. An actor without its area covers nothing.
 */
export const actorCovers = (actor: Actor, loc: Location): boolean => {
  if (isNationalRole(actor.role)) return true;
  if (!ROLE_LEVELS[actor.role]) return false;
  const { required } = CODES_BY_LEVEL[ROLE_LEVELS[actor.role]];
  if (required.some((key) => typeof actor.jurisdiction[key] !== 'string' || !actor.jurisdiction[key]))
    return false;
  return covers(actor.jurisdiction, loc);
};

/** Fails closed: a national role covers every province; anyone else only the province they are bound to. */
export const actorCoversProvince = (actor: Actor, provinceCode: string): boolean =>
  isNationalRole(actor.role) ||
  (typeof actor.jurisdiction.provinceCode === 'string' && actor.jurisdiction.provinceCode === provinceCode);

/** Refuses (403 OUTSIDE_JURISDICTION) an actor whose jurisdiction does not cover `where`; `what` names it. */
export const requireCovers = (actor: Actor, where: Location, what: string): void => {
  if (!actorCovers(actor, where))
    throw forbidden('OUTSIDE_JURISDICTION', `${what} nằm ngoài địa bàn phụ trách`);
};

/** Fails closed: a role not among `roles` is refused; `message` names the role and what it may not do. */
export const requireRole = (actor: Actor, roles: readonly Role[], message: () => string): void => {
  if (!roles.includes(actor.role)) throw forbidden('ROLE_NOT_ALLOWED', message());
};
