import { spec } from '@ntm/decider/testing';
import type { Actor } from '@ntm/decider';
import {
  constructionDebtDecider,
  outstandingDebt,
  unpaidWorksText,
  type ConstructionDebtCommand,
  type ConstructionDebtEvent,
} from './construction-debt';

// RULES-2026 §4: "construction debt after recognition: a debt ledger with evidence; submission blocked while debt is
// outstanding". Xã Dương Quang (01840), Bắc Kạn (06), keeps its ledger; the figures are made up for the specification.

const commune: Actor = {
  id: 'can-bo-duong-quang',
  name: 'Cán bộ xã Dương Quang',
  role: 'commune_officer',
  jurisdiction: { provinceCode: '06', communeCode: '01840' },
};
const province: Actor = {
  id: 'so-tai-chinh',
  role: 'province_officer',
  jurisdiction: { provinceCode: '06' },
};
const otherCommune: Actor = {
  ...commune,
  id: 'can-bo-khac',
  jurisdiction: { provinceCode: '06', communeCode: '01843' },
};
const front: Actor = { ...commune, id: 'mttq', role: 'front_officer' };

const NOW = '2026-04-02T02:00:00.000Z';
const sha = (n: number) => n.toString(16).padStart(64, '0');
const place = { provinceCode: '06', communeCode: '01840' };

const recordCmd = (data: Record<string, unknown> = {}, actor: Actor = commune): ConstructionDebtCommand => ({
  type: 'RecordConstructionDebt',
  data: {
    ...place,
    entryId: 'e1',
    project: 'Đường giao thông thôn Nà Pài',
    contractor: 'Công ty TNHH Xây dựng Minh Phát',
    amount: 500_000_000,
    incurredOn: '2024-11-05',
    basis: 'Biên bản nghiệm thu số 12/BB-NT ngày 05/11/2024',
    evidence: [sha(1)],
    ...data,
  } as never,
  metadata: { actor, now: NOW },
});

const payCmd = (data: Record<string, unknown> = {}, actor: Actor = commune): ConstructionDebtCommand => ({
  type: 'PayConstructionDebt',
  data: {
    ...place,
    entryId: 'e1',
    amount: 200_000_000,
    paidOn: '2025-03-10',
    basis: 'Ủy nhiệm chi số 31 ngày 10/03/2025',
    evidence: [sha(2)],
    ...data,
  } as never,
  metadata: { actor, now: NOW },
});

const cancelCmd = (reason = 'Ghi nhầm công trình của xã khác'): ConstructionDebtCommand => ({
  type: 'CancelConstructionDebt',
  data: { ...place, entryId: 'e1', reason },
  metadata: { actor: commune, now: NOW },
});

const recorded: ConstructionDebtEvent = {
  type: 'ConstructionDebtRecorded',
  data: {
    ...place,
    entryId: 'e1',
    project: 'Đường giao thông thôn Nà Pài',
    contractor: 'Công ty TNHH Xây dựng Minh Phát',
    amount: 500_000_000,
    incurredOn: '2024-11-05',
    basis: 'Biên bản nghiệm thu số 12/BB-NT ngày 05/11/2024',
    evidence: [sha(1)],
    recordedBy: commune.id,
    recordedAt: NOW,
  },
};

const paid = (amount: number, remaining: number): ConstructionDebtEvent => ({
  type: 'ConstructionDebtPaid',
  data: {
    entryId: 'e1',
    amount,
    paidOn: '2025-03-10',
    basis: 'Ủy nhiệm chi số 31 ngày 10/03/2025',
    evidence: [sha(2)],
    remaining,
    recordedBy: commune.id,
    recordedAt: NOW,
  },
});

describe('the construction-debt ledger: recording a debt', () => {
  it('records an accepted, unpaid work with its basis and evidence, and the ledger owes it', () => {
    spec(constructionDebtDecider).given([]).when(recordCmd()).then([recorded]);
    const ledger = spec(constructionDebtDecider).given([recorded]).state;
    expect(outstandingDebt(ledger)).toEqual({
      total: 500_000_000,
      unpaid: [{ project: 'Đường giao thông thôn Nà Pài', remaining: 500_000_000, incurredOn: '2024-11-05' }],
    });
  });

  it('is kept by the commune’s officers and the province’s, within their area only', () => {
    spec(constructionDebtDecider)
      .given([])
      .when(recordCmd({}, province))
      .thenMatch([{ type: 'ConstructionDebtRecorded', data: { recordedBy: 'so-tai-chinh' } }]);
    spec(constructionDebtDecider)
      .given([])
      .when(recordCmd({}, front))
      .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    spec(constructionDebtDecider)
      .given([])
      .when(recordCmd({}, otherCommune))
      .thenThrows('OUTSIDE_JURISDICTION', 'forbidden');
  });

  it.each([
    ['project', { project: '  ' }],
    ['contractor', { contractor: 'x'.repeat(301) }],
    ['amount', { amount: 0 }],
    ['amount', { amount: 12.5 }],
    ['amount', { amount: 10_000_000_000_001 }],
    ['incurredOn', { incurredOn: '2024-02-30' }],
    ['incurredOn', { incurredOn: '2026-04-03' }],
    ['basis', { basis: '' }],
    ['evidence', { evidence: [] }],
    ['evidence', { evidence: Array.from({ length: 21 }, (_, i) => sha(i)) }],
  ])('refuses a bad %s, naming the field', (field, data) => {
    const err = spec(constructionDebtDecider)
      .given([])
      .when(recordCmd(data))
      .thenThrows('INVALID_FIELD', 'invalid');
    expect(err.message).toContain(`"${field}"`);
  });

  it('keeps a ledger in the province of its first entry', () => {
    const elsewhere: Actor = {
      id: 'tinh-khac',
      role: 'province_officer',
      jurisdiction: { provinceCode: '24' },
    };
    spec(constructionDebtDecider)
      .given([recorded])
      .when(recordCmd({ provinceCode: '24', entryId: 'e2' }, elsewhere))
      .thenThrows('OUTSIDE_JURISDICTION', 'forbidden');
  });

  it('refuses an entry id already in the ledger', () => {
    spec(constructionDebtDecider)
      .given([recorded])
      .when(recordCmd())
      .thenThrows('DEBT_ENTRY_EXISTS', 'conflict');
  });
});

describe('the construction-debt ledger: paying and cancelling', () => {
  it('records a part payment and what remains owed', () => {
    spec(constructionDebtDecider)
      .given([recorded])
      .when(payCmd())
      .then([paid(200_000_000, 300_000_000)]);
  });

  it('owes nothing once paid in full', () => {
    const ledger = spec(constructionDebtDecider)
      .given([recorded, paid(200_000_000, 300_000_000)])
      .when(payCmd({ amount: 300_000_000 }))
      .stateAfter();
    expect(outstandingDebt(ledger)).toEqual({ total: 0, unpaid: [] });
  });

  it('refuses to pay more than is owed, saying how much is', () => {
    const err = spec(constructionDebtDecider)
      .given([recorded, paid(200_000_000, 300_000_000)])
      .when(payCmd({ amount: 300_000_001 }))
      .thenThrows('DEBT_OVERPAID', 'rule');
    expect(err.message).toContain('300.000.000 đồng');
  });

  it('refuses a payment on a debt paid in full, unknown or cancelled, or dated before the debt arose', () => {
    spec(constructionDebtDecider)
      .given([recorded, paid(500_000_000, 0)])
      .when(payCmd())
      .thenThrows('DEBT_ALREADY_PAID', 'rule');
    spec(constructionDebtDecider).given([]).when(payCmd()).thenThrows('DEBT_ENTRY_NOT_FOUND', 'not-found');
    spec(constructionDebtDecider)
      .given([
        recorded,
        {
          type: 'ConstructionDebtCancelled',
          data: { entryId: 'e1', reason: 'nhầm', cancelledBy: 'x', cancelledAt: NOW },
        },
      ])
      .when(payCmd())
      .thenThrows('DEBT_ENTRY_CANCELLED', 'rule');
    const err = spec(constructionDebtDecider)
      .given([recorded])
      .when(payCmd({ paidOn: '2024-11-04' }))
      .thenThrows('INVALID_FIELD', 'invalid');
    expect(err.message).toContain('"paidOn"');
  });

  it('cancels an entry recorded in error, once, with a reason; the ledger then owes nothing for it', () => {
    const cancelled: ConstructionDebtEvent = {
      type: 'ConstructionDebtCancelled',
      data: {
        entryId: 'e1',
        reason: 'Ghi nhầm công trình của xã khác',
        cancelledBy: commune.id,
        cancelledAt: NOW,
      },
    };
    spec(constructionDebtDecider).given([recorded]).when(cancelCmd()).then([cancelled]);
    spec(constructionDebtDecider).given([recorded, cancelled]).when(cancelCmd()).thenNothingHappens();
    expect(outstandingDebt(spec(constructionDebtDecider).given([recorded, cancelled]).state).total).toBe(0);
    spec(constructionDebtDecider)
      .given([recorded])
      .when(cancelCmd(' '))
      .thenThrows('INVALID_FIELD', 'invalid');
  });

  it('keeps an entry that was paid from: its payments are real', () => {
    spec(constructionDebtDecider)
      .given([recorded, paid(200_000_000, 300_000_000)])
      .when(cancelCmd())
      .thenThrows('DEBT_ENTRY_HAS_PAYMENTS', 'rule');
  });
});

describe('the unpaid works in words', () => {
  it('names five works, oldest first, then counts the rest', () => {
    const unpaid = Array.from({ length: 7 }, (_, i) => ({
      project: `Công trình ${i + 1}`,
      remaining: 1_000_000,
      incurredOn: `2024-0${i + 1}-01`,
    }));
    expect(unpaidWorksText({ total: 7_000_000, unpaid })).toBe(
      'Công trình 1 (1.000.000 đồng), Công trình 2 (1.000.000 đồng), Công trình 3 (1.000.000 đồng), Công trình 4 (1.000.000 đồng), Công trình 5 (1.000.000 đồng) và 2 công trình khác',
    );
  });
});

describe('what a merged commune owes', () => {
  const school: ConstructionDebtEvent = {
    ...recorded,
    data: {
      ...recorded.data,
      entryId: 'e2',
      project: 'Trường mầm non Nà Cù',
      amount: 80_000_000,
      incurredOn: '2023-08-14',
    },
  } as ConstructionDebtEvent;
  const own = spec(constructionDebtDecider).given([recorded, paid(200_000_000, 300_000_000)]).state;
  const former = spec(constructionDebtDecider).given([school]).state;
  const paidOff = spec(constructionDebtDecider).given([recorded, paid(500_000_000, 0)]).state;

  // Nông Thượng (01843) merged into Dương Quang (01840): the application names who keeps its ledger now.
  const formerRecorded = {
    ...recorded,
    data: { ...recorded.data, communeCode: '01843' },
  } as ConstructionDebtEvent;
  const formerPlace = { communeCode: '01843', keptBy: '01840' };

  it('is kept by the officers of the commune it was merged into, not by another commune', () => {
    spec(constructionDebtDecider)
      .given([formerRecorded])
      .when(payCmd(formerPlace, commune))
      .thenMatch([
        { type: 'ConstructionDebtPaid', data: { remaining: 300_000_000, recordedBy: commune.id } },
      ]);
    spec(constructionDebtDecider)
      .given([formerRecorded])
      .when(payCmd({ communeCode: '01843' }, commune))
      .thenThrows('OUTSIDE_JURISDICTION', 'forbidden');
    const elsewhere: Actor = { ...commune, jurisdiction: { provinceCode: '06', communeCode: '01846' } };
    spec(constructionDebtDecider)
      .given([formerRecorded])
      .when(payCmd(formerPlace, elsewhere))
      .thenThrows('OUTSIDE_JURISDICTION', 'forbidden');
  });

  it('is kept under the province its own was merged into (Bắc Kạn into Thái Nguyên), not under another', () => {
    const thaiNguyen: Actor = { ...commune, jurisdiction: { provinceCode: '19', communeCode: '01840' } };
    spec(constructionDebtDecider)
      .given([recorded])
      .when(payCmd({ provinceCode: '19', formerProvinceCodes: ['06'] }, thaiNguyen))
      .thenMatch([{ type: 'ConstructionDebtPaid', data: { remaining: 300_000_000 } }]);
    spec(constructionDebtDecider)
      .given([recorded])
      .when(payCmd({ provinceCode: '19' }, thaiNguyen))
      .thenThrows('OUTSIDE_JURISDICTION', 'forbidden');
  });

  it('adds the unpaid works of the communes merged into it, each named with its former commune, oldest first', () => {
    const debt = outstandingDebt(own, [
      { name: 'xã Nông Thượng', ledger: former },
      { name: 'xã Xuất Hóa', ledger: paidOff },
    ]);
    expect(debt).toEqual({
      total: 380_000_000,
      unpaid: [
        {
          project: 'Trường mầm non Nà Cù',
          remaining: 80_000_000,
          incurredOn: '2023-08-14',
          formerCommune: 'xã Nông Thượng',
        },
        { project: 'Đường giao thông thôn Nà Pài', remaining: 300_000_000, incurredOn: '2024-11-05' },
      ],
    });
    expect(unpaidWorksText(debt)).toBe(
      'Trường mầm non Nà Cù của xã Nông Thượng trước sáp nhập (80.000.000 đồng), Đường giao thông thôn Nà Pài (300.000.000 đồng)',
    );
  });

  it('owes nothing for former communes whose ledgers are paid off or empty', () => {
    expect(outstandingDebt(paidOff, [{ name: 'xã Xuất Hóa', ledger: paidOff }])).toEqual({
      total: 0,
      unpaid: [],
    });
  });
});
