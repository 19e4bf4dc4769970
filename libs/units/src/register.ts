import { dateVi } from '@ntm/calendar';
import {
  describeAtLine,
  DomainError,
  invalid,
  isCalendarDate,
  forbidden,
  jsonPathOf,
  locateInJson,
  parseJsonText,
  type Command,
  type Decider,
  type DomainEvent,
  type Violation,
} from '@ntm/decider';

/**
 * The register of administrative units (provinces, districts of the 2021-2025 era, communes, villages) as one
 * event stream, with their lineage: who merged into whom, when, by which decision. From 01/07/2025 there is no
 * district level (two-tier local government, Law 72/2025/QH15 on the organisation of local government; provinces
 * rearranged by Resolution 202/2025/QH15 of 12/06/2025; communes by one Resolution of the National Assembly
 * Standing Committee per province, e.g. 1683/NQ-UBTVQH15 for Thái Nguyên).
 */
export const UNITS_STREAM = 'administrative-units';

export const UNIT_KINDS = ['province', 'district', 'commune', 'village'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const unitKindLabels: Record<UnitKind, string> = {
  province: 'tỉnh',
  district: 'huyện',
  commune: 'xã',
  village: 'thôn',
};

/**
 * Codes follow the national list (province 2 digits, district 3, commune 5); a village has no national code, so
 * it is its commune's code and a local number ("01843-07"). Codes never collide across kinds.
 */
const CODE_FORMAT: Record<UnitKind, RegExp> = {
  province: /^\d{2}$/,
  district: /^\d{3}$/,
  commune: /^\d{5}$/,
  village: /^\d{5}-[0-9A-Za-z]{1,10}$/,
};
const codeHint: Record<UnitKind, string> = {
  province: '2 chữ số',
  district: '3 chữ số',
  commune: '5 chữ số',
  village: 'mã xã, dấu gạch và số thôn (vd. 01843-07)',
};

/** The parent a unit of each kind names: a commune's district is optional (none after 01/07/2025). */
const PARENT_KIND: Record<UnitKind, UnitKind | null> = {
  province: null,
  district: 'province',
  commune: 'district',
  village: 'commune',
};

/** The act that made a change (a resolution of the National Assembly or its Standing Committee, a decision). */
export interface LegalBasis {
  /** e.g. "1683/NQ-UBTVQH15". */
  readonly number: string;
  /** YYYY-MM-DD the act was issued. */
  readonly issuedOn: string;
  /** Set when the act was not read in an official text: the figure is kept as data, not trusted as law. */
  readonly unverified?: string;
}

export type UnitStatus = 'active' | 'merged' | 'dissolved';

/** A name the unit bore until a renaming: surveys and decisions of that time cite it. */
export interface FormerName {
  readonly name: string;
  /** YYYY-MM-DD the new name took effect (null: not dated). */
  readonly until: string | null;
  readonly basis: LegalBasis | null;
}

export interface Unit {
  readonly kind: UnitKind;
  readonly code: string;
  readonly name: string;
  readonly provinceCode: string;
  /** District of a commune (2021-2025), commune of a village; null otherwise. */
  readonly parentCode: string | null;
  readonly status: UnitStatus;
  /** Where it went when merged. */
  readonly successorCode: string | null;
  /** Units merged into this one, in the order of the mergers. */
  readonly predecessorCodes: readonly string[];
  /** The latest merger that formed this unit (every unit merged, its own code included when it kept it). */
  readonly formedBy: {
    readonly predecessorCodes: readonly string[];
    readonly effectiveOn: string;
    readonly basis: LegalBasis;
  } | null;
  /** YYYY-MM-DD the current status took effect (null: registered with no date). */
  readonly since: string | null;
  readonly basis: LegalBasis | null;
  /** Its names before renamings, oldest first. */
  readonly formerNames: readonly FormerName[];
}

export interface UnitRegister {
  readonly units: Readonly<Record<string, Unit>>;
}

// ---------------------------------------------------------------------------------------------------------------
// Events

export interface UnitRegisteredData {
  readonly kind: UnitKind;
  readonly code: string;
  readonly name: string;
  readonly provinceCode: string;
  readonly parentCode: string | null;
  readonly effectiveOn: string | null;
  readonly basis: LegalBasis | null;
}

export interface UnitRenamedData {
  readonly code: string;
  readonly name: string;
  readonly previousName: string;
  readonly effectiveOn: string | null;
  readonly basis: LegalBasis | null;
}

/** A merger as the resolution states it (the command's fields). */
export interface UnitsMerger {
  readonly kind: UnitKind;
  /** Every unit merged, the successor's own code included when it keeps one of them. */
  readonly predecessorCodes: readonly string[];
  readonly successorCode: string;
  readonly successorName: string;
  readonly provinceCode: string;
  readonly effectiveOn: string;
  readonly basis: LegalBasis;
}

export interface UnitsMergedData extends UnitsMerger {
  /**
   * The name the kept unit bore before the merger (null: the successor has a new code). Recorded, not read from
   * the state, so a read model replaying the merger after a later renaming keeps the right former name; absent
   * from mergers recorded before 12/2026, whose kept unit's name is then the one the state holds.
   */
  readonly previousName?: string | null;
}

export interface UnitDissolvedData {
  readonly code: string;
  readonly effectiveOn: string;
  readonly basis: LegalBasis;
}

export type UnitEvent =
  | DomainEvent<'UnitRegistered', UnitRegisteredData>
  | DomainEvent<'UnitRenamed', UnitRenamedData>
  | DomainEvent<'UnitsMerged', UnitsMergedData>
  | DomainEvent<'UnitDissolved', UnitDissolvedData>;

export const initialUnitRegister = (): UnitRegister => ({ units: {} });

/** The names with one more former name; a read model applying the same change twice keeps it once. */
const withFormerName = (
  names: readonly FormerName[],
  name: string,
  until: string | null,
  basis: LegalBasis | null,
): readonly FormerName[] =>
  names.some((f) => f.name === name && f.until === until) ? names : [...names, { name, until, basis }];

export const evolveUnitRegister = (state: UnitRegister, event: UnitEvent): UnitRegister => {
  const units = { ...state.units };
  switch (event.type) {
    case 'UnitRegistered': {
      const d = event.data;
      units[d.code] = {
        kind: d.kind,
        code: d.code,
        name: d.name,
        provinceCode: d.provinceCode,
        parentCode: d.parentCode,
        status: 'active',
        successorCode: null,
        predecessorCodes: [],
        formedBy: null,
        since: d.effectiveOn,
        basis: d.basis,
        formerNames: [],
      };
      break;
    }
    case 'UnitRenamed': {
      const d = event.data;
      const u = units[d.code];
      if (!u) break;
      units[u.code] = {
        ...u,
        name: d.name,
        formerNames: withFormerName(u.formerNames, d.previousName, d.effectiveOn, d.basis),
      };
      break;
    }
    case 'UnitsMerged': {
      const d = event.data;
      const kept = units[d.successorCode];
      const others = d.predecessorCodes.filter((c) => c !== d.successorCode);
      for (const code of others) {
        const u = units[code];
        if (u)
          units[code] = {
            ...u,
            status: 'merged',
            successorCode: d.successorCode,
            since: d.effectiveOn,
            basis: d.basis,
          };
      }
      // A kept unit that takes a new name bore the old one until the merger (a former name, as for a renaming).
      const previousName = d.previousName === undefined ? (kept?.name ?? null) : d.previousName;
      const renamed = kept && previousName !== null && previousName !== d.successorName;
      const formerNames = kept?.formerNames ?? [];
      units[d.successorCode] = {
        kind: d.kind,
        code: d.successorCode,
        name: d.successorName,
        provinceCode: d.provinceCode,
        // After the 2025 rearrangement a commune answers to its province directly.
        parentCode: d.kind === 'village' ? (kept?.parentCode ?? null) : null,
        status: 'active',
        successorCode: null,
        // A set: a read model applying the same merger twice keeps one entry per predecessor.
        predecessorCodes: [...new Set([...(kept?.predecessorCodes ?? []), ...others])],
        formedBy: { predecessorCodes: d.predecessorCodes, effectiveOn: d.effectiveOn, basis: d.basis },
        since: d.effectiveOn,
        basis: d.basis,
        formerNames: renamed
          ? withFormerName(formerNames, previousName, d.effectiveOn, d.basis)
          : formerNames,
      };
      break;
    }
    case 'UnitDissolved': {
      const u = units[event.data.code];
      if (u)
        units[u.code] = { ...u, status: 'dissolved', since: event.data.effectiveOn, basis: event.data.basis };
      break;
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
  return { units };
};

// ---------------------------------------------------------------------------------------------------------------
// Commands: a batch of changes, decided in order against the state the earlier ones leave, applied all or none.

export type UnitChange =
  | {
      readonly type: 'RegisterUnit';
      readonly kind: UnitKind;
      readonly code: string;
      readonly name: string;
      readonly provinceCode?: string;
      readonly parentCode?: string | null;
      readonly effectiveOn?: string;
      readonly basis?: LegalBasis;
    }
  | {
      readonly type: 'RenameUnit';
      readonly code: string;
      readonly name: string;
      readonly effectiveOn?: string;
      readonly basis?: LegalBasis;
    }
  | ({ readonly type: 'MergeUnits' } & UnitsMerger)
  | {
      readonly type: 'DissolveUnit';
      readonly code: string;
      readonly effectiveOn: string;
      readonly basis: LegalBasis;
    };

export const UNIT_CHANGE_TYPES = ['RegisterUnit', 'RenameUnit', 'MergeUnits', 'DissolveUnit'] as const;

/** Bounds on one batch: a whole province's communes and villages fit, a runaway file does not. */
export const MAX_CHANGES = 20_000;

export type ChangeUnits = Command<'ChangeUnits', { readonly changes: readonly UnitChange[] }>;

const isText = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.trim() !== '' && v.length <= max;

/** The unit under a code, never a property inherited by every object (a code such as "__proto__" is unknown). */
export const unitAt = (state: UnitRegister, code: unknown): Unit | undefined =>
  typeof code === 'string' && Object.hasOwn(state.units, code) ? state.units[code] : undefined;

/**
 * The unit a code stands for today: the one it was merged into, if it was, through later mergers too (a province by
 * Res. 202/2025/QH15, a commune by its province's resolution).
 */
export const currentUnitCode = (state: UnitRegister, unitCode: string): string => {
  let code = unitCode;
  for (let hops = 0; hops < 10; hops++) {
    const next = unitAt(state, code)?.successorCode;
    if (!next) break;
    code = next;
  }
  return code;
};

/**
 * The register follows the national list of administrative units and the resolutions that rearrange them: it is
 * changed by a system administrator only (provinces read it; their officers do not edit the national list).
 */
const requireAdmin = (command: UnitCommand): void => {
  if (command.metadata.actor.role !== 'admin')
    throw forbidden('ROLE_NOT_ALLOWED', 'Chỉ quản trị hệ thống được cập nhật danh mục đơn vị hành chính');
};

// An official name usually carries its type already ("Xã Nông Thượng", "Thành phố Bắc Kạn", "Phường Đức Xuân"):
// the kind is added only to a bare name ("Bắc Kạn"), never twice nor as the wrong type.
const TYPED_NAME =
  /^(xã|phường|thị trấn|đặc khu|tỉnh|thành phố|huyện|quận|thị xã|thôn|bản|buôn|ấp|làng|xóm|sóc|tổ dân phố|khu phố)\s/iu;

const describe = (u: Pick<Unit, 'kind' | 'code' | 'name'>) =>
  `${TYPED_NAME.test(u.name) ? u.name : `${unitKindLabels[u.kind]} ${u.name}`} (mã ${u.code})`;

/** The unit a command may name today: it exists, is of the kind and has not been merged away or dissolved. */
export const activeUnit = (
  state: UnitRegister,
  kind: UnitKind,
  code: string,
): { readonly unit: Unit } | { readonly problem: Violation } => {
  const unit = unitAt(state, code);
  if (!unit || unit.kind !== kind) {
    return {
      problem: {
        code: 'UNIT_UNKNOWN',
        message: `Mã ${unitKindLabels[kind]} ${code} chưa có trong danh mục đơn vị hành chính`,
      },
    };
  }
  if (unit.status === 'merged') {
    const next = unitAt(state, unit.successorCode ?? '');
    return {
      problem: {
        code: 'UNIT_MERGED',
        message: `${describe(unit)} đã sắp xếp vào ${next ? describe(next) : `mã ${unit.successorCode}`} từ ngày ${unit.since ? dateVi(unit.since) : '(chưa rõ)'} theo ${unit.basis?.number ?? 'văn bản sắp xếp'}; hãy dùng đơn vị mới`,
      },
    };
  }
  if (unit.status === 'dissolved') {
    return {
      problem: {
        code: 'UNIT_DISSOLVED',
        message: `${describe(unit)} đã giải thể từ ngày ${unit.since ? dateVi(unit.since) : '(chưa rõ)'} theo ${unit.basis?.number ?? 'văn bản'}`,
      },
    };
  }
  return { unit };
};

type Check = (field: string, ok: boolean, message: string) => void;

const checkBasis = (check: Check, field: string, basis: unknown, required: boolean) => {
  if (basis === undefined && !required) return;
  const b = basis as Partial<LegalBasis> | null;
  check(field, !!b && typeof b === 'object', 'cần căn cứ: số văn bản và ngày ban hành');
  if (!b || typeof b !== 'object') return;
  check(`${field}.number`, isText(b.number, 100), 'cần số văn bản (vd. 1683/NQ-UBTVQH15), tối đa 100 ký tự');
  check(`${field}.issuedOn`, isCalendarDate(b.issuedOn), 'cần ngày ban hành dạng YYYY-MM-DD');
  check(
    `${field}.unverified`,
    b.unverified === undefined || isText(b.unverified, 500),
    'ghi chú chưa kiểm chứng phải là chuỗi, tối đa 500 ký tự',
  );
};

const basisOf = (b: LegalBasis | undefined): LegalBasis | null =>
  b
    ? { number: b.number.trim(), issuedOn: b.issuedOn, ...(b.unverified ? { unverified: b.unverified } : {}) }
    : null;

/** A known unit's new name, as registering it again under another name or renaming it says. */
const renamed = (
  known: { readonly code: string; readonly name: string },
  c: { readonly name: string; readonly effectiveOn?: string; readonly basis?: LegalBasis },
): UnitEvent => ({
  type: 'UnitRenamed',
  data: {
    code: known.code,
    name: c.name.trim(),
    previousName: known.name,
    effectiveOn: c.effectiveOn ?? null,
    basis: basisOf(c.basis),
  },
});

/**
 * A problem of one change, by the change's own field; a rule's message says what it is about on its own, a field
 * check's message needs the field named before it.
 */
interface ChangeProblem {
  readonly code: string;
  readonly field: string;
  readonly message: string;
  readonly rule: boolean;
}

/** Decides one change against the state, or lists every problem it has. */
const decideChange = (
  state: UnitRegister,
  change: UnitChange,
): { events: UnitEvent[]; problems: ChangeProblem[] } => {
  const problems: ChangeProblem[] = [];
  const check: Check = (field, ok, message) => {
    if (!ok) problems.push({ code: 'UNIT_CHANGE_INVALID', field, message, rule: false });
  };
  const rule = (code: string, message: string, field: string) =>
    problems.push({ code, field, message, rule: true });
  const c = change as UnitChange & Record<string, unknown>;
  if (!c || typeof c !== 'object' || !(UNIT_CHANGE_TYPES as readonly unknown[]).includes(c.type)) {
    check('type', false, `cần một trong ${UNIT_CHANGE_TYPES.join(', ')}`);
    return { events: [], problems };
  }
  check(
    'effectiveOn',
    c.effectiveOn === undefined || isCalendarDate(c.effectiveOn),
    'cần ngày hiệu lực dạng YYYY-MM-DD',
  );

  switch (c.type) {
    case 'RegisterUnit': {
      const kind = c.kind as UnitKind;
      if (!(UNIT_KINDS as readonly string[]).includes(kind)) {
        check('kind', false, `cần một trong ${UNIT_KINDS.join(', ')}`);
        return { events: [], problems };
      }
      check(
        'code',
        typeof c.code === 'string' && CODE_FORMAT[kind].test(c.code),
        `mã ${unitKindLabels[kind]} cần ${codeHint[kind]}`,
      );
      check('name', isText(c.name, 200), 'cần tên, tối đa 200 ký tự');
      checkBasis(check, 'basis', c.basis, false);
      const provinceCode = kind === 'province' ? c.code : c.provinceCode;
      check(
        'provinceCode',
        typeof provinceCode === 'string' && CODE_FORMAT.province.test(provinceCode),
        'cần mã tỉnh 2 chữ số',
      );
      if (typeof provinceCode !== 'string' || !CODE_FORMAT.province.test(provinceCode))
        return { events: [], problems };
      const parentKind = PARENT_KIND[kind];
      const parentCode = kind === 'district' ? provinceCode : (c.parentCode ?? null);
      if (kind === 'village' && parentCode === null)
        rule('UNIT_PARENT_REQUIRED', 'thôn cần mã xã (parentCode)', 'parentCode');
      if (kind !== 'province' && kind !== 'district' && parentCode !== null) {
        const parent = unitAt(state, parentCode);
        if (!parent || parent.kind !== parentKind)
          rule(
            'UNIT_PARENT_UNKNOWN',
            `${unitKindLabels[parentKind!]} mã ${parentCode} chưa có trong danh mục`,
            'parentCode',
          );
        else if (parent.provinceCode !== provinceCode)
          rule(
            'UNIT_PARENT_OTHER_PROVINCE',
            `${describe(parent)} thuộc tỉnh khác (mã ${parent.provinceCode})`,
            'parentCode',
          );
      }
      // A unit hangs under a registered province (a batch registers the province first).
      if (kind !== 'province' && !unitAt(state, provinceCode))
        rule('UNIT_PARENT_UNKNOWN', `tỉnh mã ${provinceCode} chưa có trong danh mục`, 'provinceCode');
      if (problems.length) return { events: [], problems };
      const known = unitAt(state, c.code);
      if (known) {
        if (
          known.kind !== kind ||
          known.provinceCode !== provinceCode ||
          known.parentCode !== (kind === 'district' ? provinceCode : parentCode)
        ) {
          rule(
            'UNIT_CODE_TAKEN',
            `mã ${c.code} đã dùng cho ${describe(known)} ở chỗ khác trong danh mục`,
            'code',
          );
          return { events: [], problems };
        }
        // Registering a known unit again is a no-op (a file loaded twice); another name is a renaming.
        if (known.name === c.name.trim()) return { events: [], problems };
        if (known.status !== 'active') {
          rule(
            'UNIT_NOT_ACTIVE',
            `${describe(known)} đã ${known.status === 'merged' ? 'sắp xếp' : 'giải thể'}, không đăng ký lại`,
            'code',
          );
          return { events: [], problems };
        }
        return { events: [renamed(known, c)], problems };
      }
      if (problems.length) return { events: [], problems };
      return {
        events: [
          {
            type: 'UnitRegistered',
            data: {
              kind,
              code: c.code,
              name: c.name.trim(),
              provinceCode: provinceCode,
              parentCode: kind === 'district' ? provinceCode : parentCode,
              effectiveOn: c.effectiveOn ?? null,
              basis: basisOf(c.basis),
            },
          },
        ],
        problems,
      };
    }
    case 'RenameUnit': {
      check('name', isText(c.name, 200), 'cần tên, tối đa 200 ký tự');
      checkBasis(check, 'basis', c.basis, false);
      const known = unitAt(state, c.code);
      if (!known) rule('UNIT_UNKNOWN', `mã ${String(c.code)} chưa có trong danh mục`, 'code');
      if (problems.length || !known) return { events: [], problems };
      if (known.name === c.name.trim()) return { events: [], problems };
      return { events: [renamed(known, c)], problems };
    }
    case 'MergeUnits': {
      const kind = c.kind as UnitKind;
      check(
        'kind',
        (UNIT_KINDS as readonly string[]).includes(kind),
        `cần một trong ${UNIT_KINDS.join(', ')}`,
      );
      check('effectiveOn', isCalendarDate(c.effectiveOn), 'cần ngày hiệu lực dạng YYYY-MM-DD');
      checkBasis(check, 'basis', c.basis, true);
      check('successorName', isText(c.successorName, 200), 'cần tên đơn vị mới, tối đa 200 ký tự');
      check(
        'provinceCode',
        typeof c.provinceCode === 'string' && CODE_FORMAT.province.test(c.provinceCode),
        'cần mã tỉnh 2 chữ số',
      );
      const preds = Array.isArray(c.predecessorCodes) ? (c.predecessorCodes as unknown[]) : [];
      check(
        'predecessorCodes',
        preds.length >= 2 && preds.length <= 50,
        'cần từ 2 đến 50 đơn vị được sắp xếp',
      );
      check('predecessorCodes', new Set(preds).size === preds.length, 'mã bị trùng');
      if (problems.length) return { events: [], problems };
      check(
        'successorCode',
        typeof c.successorCode === 'string' && CODE_FORMAT[kind].test(c.successorCode),
        `mã ${unitKindLabels[kind]} cần ${codeHint[kind]}`,
      );
      if (problems.length) return { events: [], problems };
      // The same merger again (a file loaded twice) changes nothing.
      const formed = unitAt(state, c.successorCode)?.formedBy;
      if (
        formed &&
        formed.effectiveOn === c.effectiveOn &&
        formed.predecessorCodes.length === preds.length &&
        preds.every((p) => formed.predecessorCodes.includes(p as string))
      )
        return { events: [], problems };
      preds.forEach((code, i) => {
        const found = typeof code === 'string' ? activeUnit(state, kind, code) : null;
        if (!found) check(`predecessorCodes[${i}]`, false, 'cần mã đơn vị');
        else if ('problem' in found)
          rule(found.problem.code, found.problem.message, `predecessorCodes[${i}]`);
      });
      const successor = unitAt(state, c.successorCode);
      if (successor && !preds.includes(c.successorCode))
        rule(
          'UNIT_CODE_TAKEN',
          `mã ${c.successorCode} đã dùng cho ${describe(successor)}; đơn vị mới cần mã mới hoặc mã của một đơn vị được sắp xếp`,
          'successorCode',
        );
      if (kind !== 'province' && !unitAt(state, c.provinceCode))
        rule('UNIT_PARENT_UNKNOWN', `tỉnh mã ${c.provinceCode} chưa có trong danh mục`, 'provinceCode');
      if (problems.length) return { events: [], problems };
      return {
        events: [
          {
            type: 'UnitsMerged',
            data: {
              kind,
              predecessorCodes: preds as string[],
              successorCode: c.successorCode,
              successorName: c.successorName.trim(),
              provinceCode: c.provinceCode,
              effectiveOn: c.effectiveOn,
              basis: basisOf(c.basis)!,
              previousName: successor?.name ?? null,
            },
          },
        ],
        problems,
      };
    }
    case 'DissolveUnit': {
      check('effectiveOn', isCalendarDate(c.effectiveOn), 'cần ngày hiệu lực dạng YYYY-MM-DD');
      checkBasis(check, 'basis', c.basis, true);
      const known = unitAt(state, c.code);
      if (!known) rule('UNIT_UNKNOWN', `mã ${String(c.code)} chưa có trong danh mục`, 'code');
      if (problems.length || !known) return { events: [], problems };
      if (known.status === 'dissolved') return { events: [], problems };
      const found = activeUnit(state, known.kind, known.code);
      if ('problem' in found) {
        rule(found.problem.code, found.problem.message, 'code');
        return { events: [], problems };
      }
      return {
        events: [
          {
            type: 'UnitDissolved',
            data: { code: known.code, effectiveOn: c.effectiveOn, basis: basisOf(c.basis)! },
          },
        ],
        problems,
      };
    }
  }
};

/** Problems that come from the register's state (422); the rest are faults of the input (400). */
const STATE_RULES = new Set(['UNIT_MERGED', 'UNIT_DISSOLVED', 'UNIT_NOT_ACTIVE', 'UNIT_CODE_TAKEN']);

/** Decides changes in order, each against the state the earlier ones leave; a problem keeps its change's index. */
const decideInOrder = (
  state: UnitRegister,
  changes: readonly UnitChange[],
): { events: UnitEvent[]; problems: (ChangeProblem & { readonly index: number })[] } => {
  const events: UnitEvent[] = [];
  const problems: (ChangeProblem & { readonly index: number })[] = [];
  let current = state;
  changes.forEach((change, index) => {
    const decided = decideChange(current, change);
    problems.push(...decided.problems.map((p) => ({ ...p, index })));
    events.push(...decided.events);
    current = decided.events.reduce(evolveUnitRegister, current);
  });
  return { events, problems };
};

/** A refused batch or file: 422 when the register's state refuses it, 400 when the input is at fault. */
const refusalKind = (problems: readonly Violation[]) =>
  problems.some((p) => STATE_RULES.has(p.code)) ? 'rule' : 'invalid';

export const decideUnitChanges = (command: ChangeUnits, state: UnitRegister): UnitEvent[] => {
  requireAdmin(command);
  const changes: unknown = command.data.changes;
  if (!Array.isArray(changes) || changes.length === 0 || changes.length > MAX_CHANGES) {
    throw new DomainError(
      'invalid',
      'UNIT_CHANGE_INVALID',
      `Trường "changes" cần danh sách từ 1 đến ${MAX_CHANGES} thay đổi`,
      [{ code: 'UNIT_CHANGE_INVALID', field: 'changes', message: `cần từ 1 đến ${MAX_CHANGES} thay đổi` }],
    );
  }
  // Each change is checked field by field: the list's elements are only as typed as the sender made them.
  const decided = decideInOrder(state, changes as UnitChange[]);
  const problems: Violation[] = decided.problems.map((p) => {
    const at = `changes[${p.index}]`;
    return {
      code: p.code,
      field: `${at}.${p.field}`,
      message: p.rule ? `${at}: ${p.message}` : `${at}.${p.field}: ${p.message}`,
    };
  });
  if (problems.length) {
    // Nothing is applied when any change is wrong: a half-loaded register would misplace communes.
    const shown = problems.slice(0, 20).map((p) => p.message);
    throw new DomainError(
      refusalKind(problems),
      problems[0].code,
      `Danh mục đơn vị hành chính chưa cập nhật (${problems.length} lỗi): ${shown.join('; ')}${problems.length > shown.length ? '; …' : ''}`,
      problems,
    );
  }
  return decided.events;
};

// ---------------------------------------------------------------------------------------------------------------
// A province's list loaded from a file

/**
 * A province has at most a few hundred communes (Thanh Hóa, the largest, had 559 before the 2025 mergers):
 * the bounds leave room and keep the cost of checking a file small.
 */
export const MAX_FILE_DISTRICTS = 200;
export const MAX_FILE_COMMUNES = 1000;
/** At most this many problems of a file are listed, each by its line; the others are counted. */
const MAX_LISTED = 20;

/**
 * The province's list as the administrator keeps it in a JSON file ({ name, districts: [{ code, name }], communes:
 * [{ code, name, districtCode? }] }): units not registered yet are registered, a known code with another name is
 * renamed, units not in the file stay as they are.
 */
export type LoadProvinceUnits = Command<
  'LoadProvinceUnits',
  {
    readonly provinceCode: string;
    /** The file's JSON text as sent, so each problem names the line it stands on. */
    readonly document: string;
  }
>;

export type UnitCommand = ChangeUnits | LoadProvinceUnits;

interface FileProblem {
  readonly code: string;
  /** Where in the file, e.g. "communes[2].code". */
  readonly field: string;
  readonly message: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** A change read from the file, and where each of its fields stands in the file. */
interface FileEntry {
  readonly change: UnitChange;
  readonly inFile: (field: string) => string;
}

/** The file's shape: its lists, their entries, no field the register does not know, no code twice. */
const readProvinceFile = (
  provinceCode: string,
  doc: unknown,
): { entries: FileEntry[]; problems: FileProblem[] } => {
  const problems: FileProblem[] = [];
  const fail = (field: string, message: string, code = 'UNITS_FILE_INVALID') =>
    problems.push({ code, field, message });
  if (!isRecord(doc)) {
    fail('(gốc)', 'tệp cần một đối tượng JSON gồm name, districts và communes');
    return { entries: [], problems };
  }
  const onlyKnown = (o: Record<string, unknown>, known: readonly string[], at: string) => {
    for (const key of Object.keys(o)) if (!known.includes(key)) fail(`${at}${key}`, 'trường không được biết');
  };
  onlyKnown(doc, ['name', 'districts', 'communes'], '');
  // No district level after 01/07/2025: a file of the two-tier era may leave the list out.
  const list = (key: 'districts' | 'communes', max: number, optional: boolean): unknown[] => {
    const v = doc[key];
    if (v === undefined && optional) return [];
    if (Array.isArray(v) && v.length <= max) return v;
    fail(key, `cần danh sách ${key === 'districts' ? 'huyện' : 'xã'}, tối đa ${max}`);
    return [];
  };
  const entries: FileEntry[] = [
    {
      change: { type: 'RegisterUnit', kind: 'province', code: provinceCode, name: doc.name as string },
      // The province's code comes from the address: every problem of the province is told at its name.
      inFile: () => 'name',
    },
  ];
  const read = (key: 'districts' | 'communes', rows: unknown[]) => {
    const kind = key === 'districts' ? 'district' : 'commune';
    const first = new Map<unknown, string>();
    rows.forEach((row, i) => {
      const at = `${key}[${i}]`;
      if (!isRecord(row)) return fail(at, 'cần một đối tượng gồm mã (code) và tên (name)');
      onlyKnown(row, kind === 'district' ? ['code', 'name'] : ['code', 'name', 'districtCode'], `${at}.`);
      const seen = first.get(row.code);
      if (seen !== undefined)
        fail(
          `${at}.code`,
          `mã ${unitKindLabels[kind]} ${String(row.code)} bị trùng, đã có ở ${seen}`,
          'DUPLICATE_UNIT',
        );
      else first.set(row.code, at);
      const district = row.districtCode;
      if (district !== undefined && district !== null && typeof district !== 'string')
        fail(`${at}.districtCode`, 'cần mã huyện (chuỗi) hoặc để trống');
      entries.push({
        change: {
          type: 'RegisterUnit',
          kind,
          code: row.code as string,
          name: row.name as string,
          provinceCode,
          ...(kind === 'commune' ? { parentCode: (district as string | undefined) ?? null } : {}),
        },
        // What comes from the address (the province) is told at the entry's code.
        inFile: (field) =>
          `${at}.${field === 'name' ? 'name' : field === 'parentCode' ? 'districtCode' : 'code'}`,
      });
    });
  };
  read('districts', list('districts', MAX_FILE_DISTRICTS, true));
  read('communes', list('communes', MAX_FILE_COMMUNES, false));
  return { entries, problems };
};

/**
 * A province's list from its file, checked whole: every problem names its line and field ("Dòng 12, trường
 * communes[2].code: mã xã cần 5 chữ số"), the first ones listed and the others counted; nothing is written when
 * there is one.
 */
export const decideProvinceFile = (command: LoadProvinceUnits, state: UnitRegister): UnitEvent[] => {
  requireAdmin(command);
  const { provinceCode, document } = command.data;
  if (typeof provinceCode !== 'string' || !CODE_FORMAT.province.test(provinceCode))
    throw invalid('UNIT_CHANGE_INVALID', 'Mã tỉnh cần 2 chữ số', 'provinceCode');
  const text = typeof document === 'string' ? document : '';
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    const problems = parsed.problems.map((p) => ({
      code: 'UNITS_FILE_INVALID',
      field: p.field,
      message: describeAtLine(p),
    }));
    throw new DomainError(
      'invalid',
      'UNITS_FILE_INVALID',
      `Tệp danh mục của tỉnh chưa nạp: ${problems.map((p) => p.message).join('; ')}`,
      problems,
    );
  }
  const file = readProvinceFile(provinceCode, parsed.value);
  const decided = file.problems.length
    ? { events: [], problems: [] }
    : decideInOrder(
        state,
        file.entries.map((e) => e.change),
      );
  // A province refused (a new one without a sound name) leaves every entry without its province: told once.
  const provinceRefused = decided.problems.some((p) => p.index === 0);
  const problems: FileProblem[] = [
    ...file.problems,
    ...decided.problems
      .filter((p) => !provinceRefused || p.index === 0 || p.field !== 'provinceCode')
      .map((p) => ({
        code: p.code,
        field: file.entries[p.index].inFile(p.field),
        message: p.message,
      })),
  ];
  if (problems.length === 0) return decided.events;
  // Only the listed ones are located: each costs a walk of the text.
  const listed: Violation[] = problems
    .slice(0, MAX_LISTED)
    .map((p) => ({ ...p, line: locateInJson(text, parsed.root, jsonPathOf(p.field)).line }))
    .sort((a, b) => a.line - b.line)
    .map(({ line, ...p }) => ({
      ...p,
      message: describeAtLine({ line, field: p.field, message: p.message }),
    }));
  const more = problems.length - listed.length;
  throw new DomainError(
    refusalKind(problems),
    listed[0].code,
    `Tệp danh mục của tỉnh có ${problems.length} lỗi, chưa nạp gì: ${listed.map((p) => p.message).join('; ')}${more ? '; …' : ''}`,
    more
      ? [
          ...listed,
          {
            code: 'UNITS_FILE_MORE_PROBLEMS',
            message: `Còn ${more} lỗi khác: sửa các lỗi trên rồi nạp lại để xem tiếp`,
          },
        ]
      : listed,
  );
};

export const unitRegisterDecider: Decider<UnitCommand, UnitEvent, UnitRegister> = {
  decide: (command, state) =>
    command.type === 'LoadProvinceUnits'
      ? decideProvinceFile(command, state)
      : decideUnitChanges(command, state),
  evolve: evolveUnitRegister,
  initialState: initialUnitRegister,
};

// ---------------------------------------------------------------------------------------------------------------
// Reading the register

/** Every unit merged into `code`, directly or through earlier mergers, nearest first. */
export const lineageOf = (state: UnitRegister, code: string): Unit[] => {
  const out: Unit[] = [];
  const seen = new Set<string>([code]);
  const queue = [...(unitAt(state, code)?.predecessorCodes ?? [])];
  while (queue.length) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    const u = unitAt(state, next);
    if (!u) continue;
    out.push(u);
    queue.push(...u.predecessorCodes);
  }
  return out;
};

/** The units of a province, for the province view: its own record first, then by kind and code. */
export const unitsOfProvince = (state: UnitRegister, provinceCode: string): Unit[] =>
  Object.values(state.units)
    .filter((u) => u.provinceCode === provinceCode)
    .sort((a, b) => UNIT_KINDS.indexOf(a.kind) - UNIT_KINDS.indexOf(b.kind) || a.code.localeCompare(b.code));

/** A name as typed without a Vietnamese input method: no marks, đ as d, lower case ("Xuất Hóa" → "xuat hoa"). */
export const foldName = (name: string): string =>
  name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase().trim();

/** The communes of a province in force now (within a district when given), for lists that show every one. */
export const communesInForce = (state: UnitRegister, provinceCode: string, districtCode?: string): Unit[] =>
  unitsOfProvince(state, provinceCode).filter(
    (u) =>
      u.kind === 'commune' &&
      u.status === 'active' &&
      (districtCode === undefined || u.parentCode === districtCode),
  );
