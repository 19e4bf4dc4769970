import {
  conflict,
  forbidden,
  notFound,
  requireCovers,
  ruleBroken,
  type Actor,
  type Command,
  type Decider,
  type DomainEvent,
} from '@ntm/decider';
import { dateVi, localDate } from '@ntm/calendar';
import type { DocumentHash } from './commands';
import { DEBT_LIMITS, vnd } from './money';
import * as v from './validation';

/**
 * The commune's ledger of basic-construction debt under the programme (nợ đọng xây dựng cơ bản), in its own stream.
 * RULES-2026 §4: communes ran up debt to be recognised ("chạy theo thành tích"); the ledger keeps each unpaid,
 * accepted work with its evidence, and every payment, before and after recognition. A dossier is not submitted while
 * the ledger shows debt outstanding (condition 3 of Regulation 18/2022).
 */
export const CONSTRUCTION_DEBT_STREAM_PREFIX = 'construction-debt-';
export const constructionDebtStreamId = (communeCode: string): string =>
  `${CONSTRUCTION_DEBT_STREAM_PREFIX}${communeCode}`;

export interface ConstructionDebtRecordedData {
  readonly entryId: string;
  readonly provinceCode: string;
  readonly communeCode: string;
  /** The work (công trình), e.g. "Đường giao thông thôn Nà Pài". */
  readonly project: string;
  /** Who is owed: the contractor (đơn vị thi công). */
  readonly contractor: string;
  /** VND owed for work completed and accepted. */
  readonly amount: number;
  /** The day the work was accepted (nghiệm thu) and the debt arose. */
  readonly incurredOn: string;
  /** The acceptance record or settlement, by number and date, as the commune writes it. */
  readonly basis: string;
  readonly evidence: readonly DocumentHash[];
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface ConstructionDebtPaidData {
  readonly entryId: string;
  readonly amount: number;
  readonly paidOn: string;
  /** The payment order or the treasury's record, by number and date. */
  readonly basis: string;
  readonly evidence: readonly DocumentHash[];
  /** What is still owed on the entry after this payment. */
  readonly remaining: number;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface ConstructionDebtCancelledData {
  readonly entryId: string;
  readonly reason: string;
  readonly cancelledBy: string;
  readonly cancelledAt: string;
}

export type ConstructionDebtEvent =
  | DomainEvent<'ConstructionDebtRecorded', ConstructionDebtRecordedData>
  | DomainEvent<'ConstructionDebtPaid', ConstructionDebtPaidData>
  | DomainEvent<'ConstructionDebtCancelled', ConstructionDebtCancelledData>;

export interface DebtPayment {
  readonly amount: number;
  readonly paidOn: string;
  readonly basis: string;
  readonly evidence: readonly DocumentHash[];
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface DebtEntry extends ConstructionDebtRecordedData {
  readonly payments: readonly DebtPayment[];
  readonly remaining: number;
  readonly cancelled: { readonly reason: string; readonly by: string; readonly at: string } | null;
}

export interface ConstructionDebtLedger {
  readonly entries: readonly DebtEntry[];
}

export const initialDebtLedger = (): ConstructionDebtLedger => ({ entries: [] });

const updateEntry = (
  ledger: ConstructionDebtLedger,
  entryId: string,
  change: (e: DebtEntry) => DebtEntry,
): ConstructionDebtLedger => ({
  entries: ledger.entries.map((e) => (e.entryId === entryId ? change(e) : e)),
});

export const evolveDebtLedger = (
  ledger: ConstructionDebtLedger,
  event: ConstructionDebtEvent,
): ConstructionDebtLedger => {
  switch (event.type) {
    case 'ConstructionDebtRecorded':
      return {
        entries: [
          ...ledger.entries,
          { ...event.data, payments: [], remaining: event.data.amount, cancelled: null },
        ],
      };
    case 'ConstructionDebtPaid': {
      const { entryId, remaining, ...payment } = event.data;
      return updateEntry(ledger, entryId, (e) => ({ ...e, payments: [...e.payments, payment], remaining }));
    }
    case 'ConstructionDebtCancelled': {
      const { entryId, reason, cancelledBy, cancelledAt } = event.data;
      return updateEntry(ledger, entryId, (e) => ({
        ...e,
        remaining: 0,
        cancelled: { reason, by: cancelledBy, at: cancelledAt },
      }));
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
};

/** What is owed now: the entries still unpaid, oldest first, and their sum. */
export interface OutstandingDebt {
  readonly total: number;
  readonly unpaid: readonly {
    readonly project: string;
    readonly remaining: number;
    readonly incurredOn: string;
    /** The commune merged into this one whose ledger holds the work (absent for the commune's own works). */
    readonly formerCommune?: string;
  }[];
}

/**
 * What a commune owes: its own ledger's unpaid works, and those of the communes merged into it, each named with
 * its former commune (RULES-2026 §2: records follow a commune through a merger; its debts with them).
 */
export const outstandingDebt = (
  ledger: ConstructionDebtLedger,
  formerCommunes: readonly { readonly name: string; readonly ledger: ConstructionDebtLedger }[] = [],
): OutstandingDebt => {
  const unpaidOf = (of: ConstructionDebtLedger, formerCommune?: string) =>
    of.entries
      .filter((e) => e.remaining > 0)
      .map(({ project, remaining, incurredOn }) => ({
        project,
        remaining,
        incurredOn,
        ...(formerCommune === undefined ? {} : { formerCommune }),
      }));
  const unpaid = [unpaidOf(ledger), ...formerCommunes.map((f) => unpaidOf(f.ledger, f.name))]
    .flat()
    .sort((a, b) => a.incurredOn.localeCompare(b.incurredOn));
  return { total: unpaid.reduce((sum, e) => sum + e.remaining, 0), unpaid };
};

/**
 * "Đường thôn A (120.000.000 đồng), Trường mầm non B của xã C trước sáp nhập (80.000.000 đồng), …": the unpaid works
 * as a sentence names them (at most five, then a count).
 */
export const unpaidWorksText = (debt: OutstandingDebt): string => {
  const named = debt.unpaid
    .slice(0, 5)
    .map(
      (e) =>
        `${e.project}${e.formerCommune === undefined ? '' : ` của ${e.formerCommune} trước sáp nhập`} (${vnd(e.remaining)})`,
    );
  const more = debt.unpaid.length - named.length;
  return more > 0 ? `${named.join(', ')} và ${more} công trình khác` : named.join(', ');
};

// ---------------------------------------------------------------------------------------------------------------
// Commands.

interface LedgerPlace {
  readonly provinceCode: string;
  readonly communeCode: string;
  /**
   * The commune whose officers keep this ledger today: the one it was merged into, if it was (the application sets it
   * from the register, never from a body); absent, the commune itself.
   */
  readonly keptBy?: string;
  /**
   * The provinces merged into `provinceCode` (the application sets them from the register): entries recorded under
   * their codes before the merger are this province's now.
   */
  readonly formerProvinceCodes?: readonly string[];
}

export type RecordConstructionDebt = Command<
  'RecordConstructionDebt',
  LedgerPlace & {
    readonly entryId: string;
    readonly project: string;
    readonly contractor: string;
    readonly amount: number;
    readonly incurredOn: string;
    readonly basis: string;
    readonly evidence: readonly DocumentHash[];
  }
>;

export type PayConstructionDebt = Command<
  'PayConstructionDebt',
  LedgerPlace & {
    readonly entryId: string;
    readonly amount: number;
    readonly paidOn: string;
    readonly basis: string;
    readonly evidence: readonly DocumentHash[];
  }
>;

export type CancelConstructionDebt = Command<
  'CancelConstructionDebt',
  LedgerPlace & { readonly entryId: string; readonly reason: string }
>;

export type ConstructionDebtCommand = RecordConstructionDebt | PayConstructionDebt | CancelConstructionDebt;

/**
 * Who may read and keep a commune's ledger: the commune's own officers (once it is merged, those of the commune it was
 * merged into, `keptBy`: its debts followed it there) and the province's (RULES-2026 §2: no district level since
 * 1/7/2025, and a commune code is unique nationally, so a district code an officer still carries is not asked of the
 * ledger). Within their area only; fails closed.
 */
export const requireLedgerAccess = (
  actor: Actor,
  provinceCode: string,
  communeCode: string,
  keptBy: string = communeCode,
): void => {
  const commune = actor.jurisdiction.communeCode === keptBy ? keptBy : communeCode;
  const where = { provinceCode, communeCode: commune, districtCode: actor.jurisdiction.districtCode };
  requireCovers(actor, where, `Xã mã ${communeCode}`);
};

/** The commune's own officers keep the ledger; the province's officers may correct it. Checked before anything else. */
export const requireLedgerKeeper = (
  actor: Actor,
  provinceCode: unknown,
  communeCode: string,
  keptBy: string = communeCode,
): void => {
  if (actor.role !== 'commune_officer' && actor.role !== 'province_officer') {
    throw forbidden(
      'ROLE_NOT_ALLOWED',
      'Chỉ cán bộ xã hoặc cán bộ cấp tỉnh được ghi sổ theo dõi nợ đọng xây dựng cơ bản',
    );
  }
  if (typeof provinceCode !== 'string' || !/^\d{2}$/.test(provinceCode))
    throw v.bad('provinceCode', 'cần mã tỉnh 2 chữ số');
  requireLedgerAccess(actor, provinceCode, communeCode, keptBy);
};

const text = (value: unknown, field: string, max: number, what: string): string => {
  const t = typeof value === 'string' ? value.trim() : '';
  if (t === '' || t.length > max) throw v.bad(field, `cần ${what}, tối đa ${max} ký tự`);
  return t;
};

const money = (value: unknown, field: string): number => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > DEBT_LIMITS.amount)
    throw v.bad(field, `cần số tiền nguyên (đồng), từ 1 đến ${vnd(DEBT_LIMITS.amount)}`);
  return value;
};

/** A day that exists and is not after today (Vietnam local day). */
const pastDay = (value: unknown, field: string, now: string): string => {
  const day = v.date(value, field);
  const today = localDate(now);
  if (day > today) throw v.bad(field, `ngày không thể sau hôm nay (${dateVi(today)})`);
  return day;
};

const evidenceOf = (value: unknown, field: string): DocumentHash[] => {
  if (!Array.isArray(value) || value.length > DEBT_LIMITS.evidence)
    throw v.bad(field, `cần danh sách tài liệu, tối đa ${DEBT_LIMITS.evidence}`);
  return [...v.cited(value as DocumentHash[], field)];
};

const entryOf = (ledger: ConstructionDebtLedger, entryId: string): DebtEntry => {
  const entry = ledger.entries.find((e) => e.entryId === entryId);
  if (!entry) throw notFound('DEBT_ENTRY_NOT_FOUND', `Không tìm thấy khoản nợ ${entryId} trong sổ của xã`);
  return entry;
};

const record = (command: RecordConstructionDebt, ledger: ConstructionDebtLedger): ConstructionDebtEvent[] => {
  const { data, metadata } = command;
  const recorded: ConstructionDebtRecordedData = {
    entryId: data.entryId,
    provinceCode: data.provinceCode,
    communeCode: data.communeCode,
    project: text(data.project, 'project', DEBT_LIMITS.text, 'tên công trình'),
    contractor: text(data.contractor, 'contractor', DEBT_LIMITS.text, 'tên đơn vị thi công'),
    amount: money(data.amount, 'amount'),
    incurredOn: pastDay(data.incurredOn, 'incurredOn', metadata.now),
    basis: text(data.basis, 'basis', DEBT_LIMITS.basis, 'căn cứ (biên bản nghiệm thu, quyết toán: số, ngày)'),
    evidence: evidenceOf(data.evidence, 'evidence'),
    recordedBy: metadata.actor.id,
    recordedAt: metadata.now,
  };
  if (ledger.entries.some((e) => e.entryId === data.entryId))
    throw conflict('DEBT_ENTRY_EXISTS', `Khoản nợ ${data.entryId} đã có trong sổ của xã`);
  if (ledger.entries.length >= DEBT_LIMITS.entries)
    throw ruleBroken(
      'DEBT_LEDGER_FULL',
      `Sổ của xã đã có ${DEBT_LIMITS.entries} khoản nợ; liên hệ quản trị hệ thống`,
    );
  return [{ type: 'ConstructionDebtRecorded', data: recorded }];
};

const pay = (command: PayConstructionDebt, ledger: ConstructionDebtLedger): ConstructionDebtEvent[] => {
  const { data, metadata } = command;
  const amount = money(data.amount, 'amount');
  const paidOn = pastDay(data.paidOn, 'paidOn', metadata.now);
  const basis = text(data.basis, 'basis', DEBT_LIMITS.basis, 'căn cứ (chứng từ thanh toán: số, ngày)');
  const evidence = evidenceOf(data.evidence, 'evidence');
  const entry = entryOf(ledger, data.entryId);
  if (entry.cancelled)
    throw ruleBroken(
      'DEBT_ENTRY_CANCELLED',
      `Khoản nợ "${entry.project}" đã được hủy: ${entry.cancelled.reason}`,
    );
  if (entry.remaining === 0) throw ruleBroken('DEBT_ALREADY_PAID', `Khoản nợ "${entry.project}" đã trả hết`);
  if (amount > entry.remaining)
    throw ruleBroken(
      'DEBT_OVERPAID',
      `Số tiền trả ${vnd(amount)} lớn hơn số còn nợ của "${entry.project}": ${vnd(entry.remaining)}`,
    );
  if (paidOn < entry.incurredOn)
    throw v.bad('paidOn', `ngày trả không thể trước ngày phát sinh nợ ${dateVi(entry.incurredOn)}`);
  return [
    {
      type: 'ConstructionDebtPaid',
      data: {
        entryId: entry.entryId,
        amount,
        paidOn,
        basis,
        evidence,
        remaining: entry.remaining - amount,
        recordedBy: metadata.actor.id,
        recordedAt: metadata.now,
      },
    },
  ];
};

/** An entry recorded in error is cancelled with a reason; one that was paid from is kept (its payments are real). */
const cancel = (command: CancelConstructionDebt, ledger: ConstructionDebtLedger): ConstructionDebtEvent[] => {
  const { data, metadata } = command;
  const reason = text(data.reason, 'reason', DEBT_LIMITS.reason, 'lý do hủy');
  const entry = entryOf(ledger, data.entryId);
  if (entry.cancelled) return [];
  if (entry.payments.length > 0)
    throw ruleBroken(
      'DEBT_ENTRY_HAS_PAYMENTS',
      `Khoản nợ "${entry.project}" đã có ${entry.payments.length} lần trả nên không thể hủy`,
    );
  return [
    {
      type: 'ConstructionDebtCancelled',
      data: { entryId: entry.entryId, reason, cancelledBy: metadata.actor.id, cancelledAt: metadata.now },
    },
  ];
};

export const decideDebtLedger = (
  command: ConstructionDebtCommand,
  ledger: ConstructionDebtLedger,
): ConstructionDebtEvent[] => {
  const { provinceCode, communeCode, keptBy } = command.data;
  requireLedgerKeeper(command.metadata.actor, provinceCode, communeCode, keptBy);
  // A ledger belongs to one province: its first entry says which (or one merged into it since).
  const held = ledger.entries[0]?.provinceCode;
  if (held !== undefined && held !== provinceCode && !command.data.formerProvinceCodes?.includes(held))
    throw forbidden(
      'OUTSIDE_JURISDICTION',
      `Sổ nợ đọng của xã mã ${command.data.communeCode} thuộc tỉnh mã ${held}, không phải tỉnh mã ${command.data.provinceCode}`,
    );
  switch (command.type) {
    case 'RecordConstructionDebt':
      return record(command, ledger);
    case 'PayConstructionDebt':
      return pay(command, ledger);
    case 'CancelConstructionDebt':
      return cancel(command, ledger);
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
};

export const constructionDebtDecider: Decider<
  ConstructionDebtCommand,
  ConstructionDebtEvent,
  ConstructionDebtLedger
> = {
  decide: decideDebtLedger,
  evolve: evolveDebtLedger,
  initialState: initialDebtLedger,
};
