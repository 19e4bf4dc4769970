import { COMMUNE_GROUPS, COMPARISONS, type CriteriaSetDocument } from './document';
import { LEVELS, PERIODS } from './types';
import { describeAtLine, isCalendarDate, jsonFieldName, locateInJson, parseJsonText } from '@ntm/decider';

/**
 * Validation of a criteria-set document loaded by an administrator. Every problem names the field (a JSON
 * path) and, when the input was JSON text, the line and column; nothing is accepted while any problem stands.
 */

export interface CriteriaSetProblem {
  /** e.g. "criteria[2].indicators[0].thresholds.nhom-3". */
  readonly field: string;
  /** 1-based; null when the input was an object rather than text. */
  readonly line: number | null;
  readonly column: number | null;
  /** Vietnamese, names what is expected. */
  readonly message: string;
}

export type CriteriaSetValidation =
  | { readonly ok: true; readonly document: CriteriaSetDocument }
  | { readonly ok: false; readonly problems: readonly CriteriaSetProblem[] };

type Segment = string | number;

const MAX_TEXT = 2000;
const ID = /^[a-z0-9][a-z0-9-]{2,79}$/;
const PROVINCE = /^\d{2}$/;

const fieldName = jsonFieldName;

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

class Checker {
  readonly problems: { path: Segment[]; message: string }[] = [];

  fail(path: Segment[], message: string): void {
    this.problems.push({ path, message });
  }

  text(obj: Record<string, unknown>, key: string, path: Segment[], optional = false, max = MAX_TEXT): void {
    const v = obj[key];
    if (v === undefined && optional) return;
    if (typeof v !== 'string' || v.trim() === '') this.fail([...path, key], 'cần một chuỗi không rỗng');
    else if (v.length > max) this.fail([...path, key], `dài quá ${max} ký tự`);
  }

  bool(obj: Record<string, unknown>, key: string, path: Segment[], optional = false): void {
    const v = obj[key];
    if (v === undefined && optional) return;
    if (typeof v !== 'boolean') this.fail([...path, key], 'cần giá trị true hoặc false');
  }

  array(obj: Record<string, unknown>, key: string, path: Segment[], min: number, max: number): unknown[] {
    const v = obj[key];
    if (!Array.isArray(v)) {
      this.fail([...path, key], 'cần một danh sách');
      return [];
    }
    if (v.length < min) this.fail([...path, key], `cần ít nhất ${min} phần tử`);
    if (v.length > max) this.fail([...path, key], `không quá ${max} phần tử`);
    return v.slice(0, max);
  }

  oneOf(obj: Record<string, unknown>, key: string, path: Segment[], allowed: readonly unknown[]): void {
    if (!allowed.includes(obj[key])) this.fail([...path, key], `cần một trong: ${allowed.join(', ')}`);
  }

  onlyKeys(obj: Record<string, unknown>, path: Segment[], allowed: readonly string[]): void {
    for (const k of Object.keys(obj)) {
      if (!allowed.includes(k))
        this.fail([...path, k], `trường không được biết (cho phép: ${allowed.join(', ')})`);
    }
  }
}

const TOP_KEYS = [
  'id',
  'version',
  'title',
  'period',
  'scope',
  'source',
  'levels',
  'assessment',
  'groups',
  'criteria',
  'kieuMau',
  'pilot',
  'unverified',
  'test',
  'note',
];

const checkDocument = (doc: unknown, c: Checker): void => {
  if (!isObject(doc)) {
    c.fail([], 'cần một đối tượng JSON (bộ tiêu chí)');
    return;
  }
  c.onlyKeys(doc, [], TOP_KEYS);
  if (typeof doc.id !== 'string' || !ID.test(doc.id)) {
    c.fail(
      ['id'],
      'cần mã bộ tiêu chí gồm chữ thường, số và dấu gạch ngang (3-80 ký tự), ví dụ "qd51-2025-xa-ntm"',
    );
  }
  if (typeof doc.version !== 'number' || !Number.isInteger(doc.version) || doc.version < 1) {
    c.fail(['version'], 'cần một số nguyên từ 1 trở lên');
  }
  c.text(doc, 'title', [], false, 300);
  c.oneOf(doc, 'period', [], PERIODS);

  if (!isObject(doc.scope))
    c.fail(['scope'], 'cần { "kind": "national" } hoặc { "kind": "province", "provinceCode": "06" }');
  else {
    c.oneOf(doc.scope, 'kind', ['scope'], ['national', 'province']);
    if (doc.scope.kind === 'province') {
      if (typeof doc.scope.provinceCode !== 'string' || !PROVINCE.test(doc.scope.provinceCode))
        c.fail(['scope', 'provinceCode'], 'cần mã tỉnh 2 chữ số');
      c.onlyKeys(doc.scope, ['scope'], ['kind', 'provinceCode']);
    } else c.onlyKeys(doc.scope, ['scope'], ['kind']);
  }

  if (!isObject(doc.source)) c.fail(['source'], 'cần số và ngày của văn bản ban hành');
  else {
    c.onlyKeys(doc.source, ['source'], ['decision', 'date', 'effectiveFrom', 'url']);
    c.text(doc.source, 'decision', ['source'], false, 100);
    if (!isCalendarDate(doc.source.date)) c.fail(['source', 'date'], 'cần ngày ký dạng YYYY-MM-DD');
    if (doc.source.effectiveFrom !== undefined && !isCalendarDate(doc.source.effectiveFrom))
      c.fail(['source', 'effectiveFrom'], 'cần ngày có hiệu lực dạng YYYY-MM-DD');
    c.text(doc.source, 'url', ['source'], true, 500);
  }

  const levels = c.array(doc, 'levels', [], 1, LEVELS.length);
  levels.forEach((l, i) => {
    if (!(LEVELS as readonly unknown[]).includes(l))
      c.fail(['levels', i], `cần một trong: ${LEVELS.join(', ')}`);
    else if (levels.indexOf(l) !== i) c.fail(['levels', i], `mức "${String(l)}" được khai hai lần`);
  });
  if (doc.period === '2026-2030' && isObject(doc.scope) && doc.scope.kind === 'national') {
    // RULES-2026 §1: the centre issues one national commune set for 2026-2030 (NTM, and the hiện đại pilot).
    levels.forEach((l, i) => {
      if (l === 'nang-cao' || l === 'kieu-mau')
        c.fail(
          ['levels', i],
          'giai đoạn 2026-2030 Trung ương không ban hành bộ tiêu chí này; chỉ tỉnh ban hành bộ riêng',
        );
    });
  }
  if (doc.period === '2021-2025') {
    levels.forEach((l, i) => {
      if (l === 'hien-dai') c.fail(['levels', i], 'mức "hiện đại" chỉ có từ giai đoạn 2026-2030');
    });
  }
  c.oneOf(doc, 'assessment', [], ['criteria', 'indicators']);

  const groups = c.array(doc, 'groups', [], doc.assessment === 'indicators' ? 1 : 0, 20);
  const groupCodes: string[] = [];
  groups.forEach((g, i) => {
    if (!isObject(g)) return c.fail(['groups', i], 'cần { "code", "name" }');
    c.onlyKeys(g, ['groups', i], ['code', 'name', 'description']);
    c.text(g, 'code', ['groups', i], false, 40);
    c.text(g, 'name', ['groups', i], false, 200);
    c.text(g, 'description', ['groups', i], true);
    if (typeof g.code === 'string') {
      if (groupCodes.includes(g.code)) c.fail(['groups', i, 'code'], `nhóm "${g.code}" được khai hai lần`);
      groupCodes.push(g.code);
    }
  });
  if (doc.period === '2026-2030' && doc.assessment === 'indicators') {
    COMMUNE_GROUPS.forEach((g) => {
      if (!groupCodes.includes(g))
        c.fail(['groups'], `thiếu nhóm xã "${g}" (Quyết định 51/2025/QĐ-TTg chia 3 nhóm xã)`);
    });
  }

  const criteria = c.array(doc, 'criteria', [], 1, 60);
  const numbers = new Set<number>();
  const codes = new Set<string>();
  criteria.forEach((cr, i) => {
    const at: Segment[] = ['criteria', i];
    if (!isObject(cr)) return c.fail(at, 'cần một tiêu chí { "number", "name", "key", "indicators" }');
    c.onlyKeys(cr, at, ['number', 'name', 'group', 'key', 'indicators', 'unverified']);
    if (typeof cr.number !== 'number' || !Number.isInteger(cr.number) || cr.number < 1)
      c.fail([...at, 'number'], 'cần số thứ tự tiêu chí, số nguyên từ 1');
    else if (numbers.has(cr.number)) c.fail([...at, 'number'], `tiêu chí ${cr.number} được khai hai lần`);
    else numbers.add(cr.number);
    c.text(cr, 'name', at, false, 300);
    c.text(cr, 'group', at, true, 60);
    c.bool(cr, 'key', at);
    c.bool(cr, 'unverified', at, true);
    const indicators = c.array(cr, 'indicators', at, 0, 100);
    indicators.forEach((ind, j) => {
      const ia: Segment[] = [...at, 'indicators', j];
      if (!isObject(ind))
        return c.fail(ia, 'cần một chỉ tiêu { "code", "name", "unit", "comparison", "thresholds" }');
      c.onlyKeys(ind, ia, ['code', 'name', 'unit', 'comparison', 'thresholds', 'unverified', 'note']);
      c.text(ind, 'code', ia, false, 20);
      if (typeof ind.code === 'string') {
        if (codes.has(ind.code)) c.fail([...ia, 'code'], `chỉ tiêu "${ind.code}" được khai hai lần`);
        codes.add(ind.code);
      }
      c.text(ind, 'name', ia, false, 500);
      if (ind.unit !== null && (typeof ind.unit !== 'string' || ind.unit.length > 60))
        c.fail([...ia, 'unit'], 'cần đơn vị tính (chuỗi) hoặc null');
      c.oneOf(ind, 'comparison', ia, COMPARISONS);
      c.bool(ind, 'unverified', ia, true);
      c.text(ind, 'note', ia, true);
      if (!isObject(ind.thresholds)) {
        c.fail(
          [...ia, 'thresholds'],
          'cần ngưỡng theo từng nhóm, ví dụ { "nhom-1": 90, "nhom-2": 80, "nhom-3": 70 }',
        );
        return;
      }
      for (const [g, value] of Object.entries(ind.thresholds)) {
        const ta: Segment[] = [...ia, 'thresholds', g];
        if (g !== 'chung' && !groupCodes.includes(g)) c.fail(ta, `nhóm "${g}" không có trong "groups"`);
        if (value === null) continue;
        if (ind.comparison === 'boolean' && typeof value !== 'boolean')
          c.fail(ta, 'chỉ tiêu đạt/không đạt cần ngưỡng true, false hoặc null');
        if (
          (ind.comparison === '>=' || ind.comparison === '<=') &&
          (typeof value !== 'number' || !Number.isFinite(value))
        )
          c.fail(ta, 'cần một số hoặc null (chưa có số liệu chính thức)');
        if (
          ind.comparison === '=' &&
          typeof value !== 'boolean' &&
          (typeof value !== 'number' || !Number.isFinite(value))
        )
          c.fail(ta, 'cần một số, true/false hoặc null');
      }
    });
  });

  if (doc.kieuMau !== undefined) {
    if (!isObject(doc.kieuMau)) c.fail(['kieuMau'], 'cần các điều kiện bổ sung của xã kiểu mẫu');
    else {
      c.onlyKeys(doc.kieuMau, ['kieuMau'], ['incomeFactor', 'minSmartVillages', 'minOutstandingFields']);
      for (const k of ['incomeFactor', 'minSmartVillages', 'minOutstandingFields']) {
        const v = doc.kieuMau[k];
        if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
          c.fail(['kieuMau', k], 'cần một số không âm');
      }
    }
    if (!levels.includes('kieu-mau'))
      c.fail(['kieuMau'], 'chỉ khai khi bộ tiêu chí áp dụng cho mức kiểu mẫu');
  }
  if (doc.pilot !== undefined) {
    if (!isObject(doc.pilot)) c.fail(['pilot'], 'cần { "prerequisite", "conditions" }');
    else {
      c.onlyKeys(doc.pilot, ['pilot'], ['prerequisite', 'conditions']);
      c.oneOf(doc.pilot, 'prerequisite', ['pilot'], LEVELS);
      c.array(doc.pilot, 'conditions', ['pilot'], 0, 100).forEach((p, i) => {
        const pa: Segment[] = ['pilot', 'conditions', i];
        if (!isObject(p)) return c.fail(pa, 'cần { "code", "text" }');
        c.onlyKeys(p, pa, ['code', 'text', 'unverified']);
        c.text(p, 'code', pa, false, 20);
        c.text(p, 'text', pa);
        c.bool(p, 'unverified', pa, true);
      });
    }
  }
  c.array(doc, 'unverified', [], 0, 100).forEach((u, i) => {
    if (typeof u !== 'string' || u.trim() === '' || u.length > 500)
      c.fail(['unverified', i], 'cần một chuỗi không rỗng');
  });
  c.bool(doc, 'test', [], true);
  c.text(doc, 'note', [], true);
};

/** Validates a criteria-set document given as JSON text (problems carry lines) or as a parsed object. */
export const validateCriteriaSet = (input: unknown): CriteriaSetValidation => {
  const checker = new Checker();
  if (typeof input !== 'string') {
    checkDocument(input, checker);
    if (checker.problems.length === 0) return { ok: true, document: input as CriteriaSetDocument };
    return {
      ok: false,
      problems: checker.problems.map((p) => ({
        field: fieldName(p.path),
        line: null,
        column: null,
        message: p.message,
      })),
    };
  }
  const parsed = parseJsonText(input);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const { value, root } = parsed;
  checkDocument(value, checker);
  if (checker.problems.length === 0) return { ok: true, document: value as CriteriaSetDocument };
  return {
    ok: false,
    problems: checker.problems.map((p) => ({
      field: fieldName(p.path),
      ...locateInJson(input, root, p.path),
      message: p.message,
    })),
  };
};

/** "Dòng 12, trường criteria[0].indicators[1].comparison: cần một trong: >=, <=, =, boolean". */
export const describeProblem = (p: CriteriaSetProblem): string => describeAtLine(p);
