import { createHash, randomUUID } from 'node:crypto';
import type { Actor } from '@ntm/decider';
import type { Level } from '@ntm/criteria';
import { comparePositions, type EventStore, type EventToAppend, type Position } from '@ntm/event-store';
import { localDate } from '@ntm/calendar';
import {
  createDossierDecider,
  dossierStreamId,
  openingClosedProblem,
  type CommuneRef,
  type DossierCommand,
  type DossierDecider,
  type DossierEvent,
  type DossierState,
} from '@ntm/recognition';

/** How far a generated dossier goes. */
export type Outcome =
  | 'preparing'
  | 'surveyed'
  | 'submitted'
  | 'verified'
  | 'voted'
  | 'refused'
  | 'recognised'
  | 'announced'
  | 'withdrawn'
  | 'revoked';

export interface DossierPlan {
  readonly dossierId: string;
  readonly commune: CommuneRef;
  readonly level: Level;
  readonly year: number;
  /** Levels the commune holds when the dossier opens (nâng cao needs NTM). */
  readonly holdings: readonly Level[];
  /** ISO instant the dossier opens; every later command is a few days on. */
  readonly start: string;
  /** Criteria the self-assessment reports as met (of 1..19). */
  readonly met: readonly number[];
  readonly outcome: Outcome;
  /** Returned once at verification and resubmitted with every criterion met. */
  readonly returned?: boolean;
  /** Council findings that supersede the assessment (criteria met), when given. */
  readonly appraisalMet?: readonly number[];
  readonly decision?: { readonly number: string; readonly on: string };
  readonly revocation?: { readonly number: string; readonly on: string; readonly failed: readonly number[] };
  readonly survey?: { readonly households: number; readonly forms: number; readonly satisfied: number };
}

const DAY = 86_400_000;
const ALL = Array.from({ length: 19 }, (_, i) => i + 1);
/** A document hash (the decider checks the shape; the API checks that the document was uploaded). */
export const fakeSha = (n: number): string => createHash('sha256').update(`evidence-${n}`).digest('hex');

const actorsFor = (c: CommuneRef) => {
  const province = { provinceCode: c.provinceCode };
  const district = { ...province, ...(c.districtCode ? { districtCode: c.districtCode } : {}) };
  const commune = { ...district, communeCode: c.communeCode };
  const a = (id: string, role: Actor['role'], jurisdiction: Actor['jurisdiction']): Actor => ({
    id,
    name: id,
    role,
    jurisdiction,
  });
  return {
    commune: a(`xa-${c.communeCode}`, 'commune_officer', commune),
    front: a(`mttq-${c.communeCode}`, 'front_officer', commune),
    district: a(`huyen-${c.districtCode ?? c.provinceCode}`, 'district_officer', district),
    province: a(`tinh-${c.provinceCode}`, 'province_officer', province),
    council: [1, 2, 3].map((n) => a(`hoi-dong-${c.provinceCode}-${n}`, 'council_member', province)),
    chairman: a(`chu-tich-${c.provinceCode}`, 'chairman', province),
  };
};

const findings = (met: readonly number[]) =>
  ALL.map((criterion) => ({ criterion, met: met.includes(criterion) }));

/** The events of one planned dossier, command by command, each decided by the real decider. */
export const dossierCommands = (
  plan: DossierPlan,
  decider: DossierDecider = defaultDecider(),
): DossierEvent[][] => {
  const who = actorsFor(plan.commune);
  let now = new Date(plan.start).getTime();
  let state: DossierState = decider.initialState();
  const events: DossierEvent[][] = [];
  const run = (type: DossierCommand['type'], data: object, actor: Actor, afterDays = 1) => {
    now += afterDays * DAY;
    const command = { type, data, metadata: { actor, now: new Date(now).toISOString() } } as DossierCommand;
    const decided = decider.decide(command, state);
    for (const e of decided) state = decider.evolve(state, e);
    events.push(decided);
  };
  const iso = (t: number) => new Date(t).toISOString();
  const assessment = (met: readonly number[]) => ({
    criteria: ALL.map((criterion) => ({
      criterion,
      met: met.includes(criterion),
      value: 'Đạt',
      evidence: [fakeSha(criterion)],
    })),
    ...(plan.level === 'kieu-mau'
      ? {
          kieuMau: {
            incomePerCapita: 80,
            nangCaoIncomeStandard: 60,
            smartVillages: ['Thôn 1'],
            outstandingFields: ['Du lịch'],
            evidence: [fakeSha(40)],
          },
        }
      : {}),
  });
  // Conditions 3 and 4 as documents (Decision 03/2024/QĐ-TTg): the certificate for the plan's year, issued by the start.
  const proof = (number: string, issuer: string) => ({
    number,
    issuedOn: plan.start.slice(0, 10),
    issuer,
    evidence: [fakeSha(50)],
  });
  const submission = {
    securityCertificate: { ...proof('125/QĐ-UBND', 'UBND tỉnh'), year: plan.year },
    debtConfirmation: { ...proof('45/TCKH', 'Phòng Tài chính - Kế hoạch'), outstanding: 0 },
  };

  // Opened once the district level had ended, a 2021-2025 dossier takes the two-tier procedure (period-rules.ts):
  // the province verifies, with no district stage.
  const twoTier = openingClosedProblem('2021-2025', localDate(plan.start))?.code === 'PROCEDURE_CLOSED';
  const verifier = twoTier ? who.province : who.district;
  run(
    'OpenDossier',
    {
      dossierId: plan.dossierId,
      commune: plan.commune,
      level: plan.level,
      procedureVersion: twoTier ? '2025-two-tier' : '2021-2025',
      year: plan.year,
      holdings: plan.holdings,
    },
    who.commune,
    0,
  );
  run('RecordSelfAssessment', assessment(plan.met), who.commune, 3);
  if (plan.outcome === 'preparing') return events;
  if (plan.outcome === 'withdrawn') {
    run('WithdrawDossier', { reason: 'Xã chưa hoàn thành các tiêu chí' }, who.commune, 5);
    return events;
  }
  run('OpenPublicPosting', { where: ['Trụ sở UBND xã'], from: iso(now) }, who.commune, 0);
  run('RecordPublicComment', { author: 'Thôn 1', content: 'Nhất trí' }, who.commune, 2);
  run('ClosePublicPosting', {}, who.commune, 25);
  const survey = plan.survey ?? { households: 1000, forms: 850, satisfied: 820 };
  run(
    'RecordSurveyResult',
    {
      households: survey.households,
      formsCollected: survey.forms,
      satisfied: survey.satisfied,
      source: 'manual',
      perQuestion: [
        {
          question: 'Hài lòng với kết quả xây dựng nông thôn mới',
          satisfied: survey.satisfied,
          answered: survey.forms,
        },
        {
          question: 'Hài lòng với môi trường và an toàn thực phẩm',
          satisfied: Math.floor(survey.satisfied * 0.9),
          answered: survey.forms,
        },
      ],
    },
    who.front,
    2,
  );
  if (plan.outcome === 'surveyed') return events;
  run(
    'HoldCommuneMeeting',
    { attendees: 37, votesFor: 37, votesAgainst: 0, minutes: fakeSha(99) },
    who.commune,
    2,
  );
  run('SubmitDossier', submission, who.commune, 1);
  if (plan.outcome === 'submitted') return events;
  if (plan.returned) {
    run(
      'ReturnForSupplementation',
      { reasons: [{ criterion: 17, text: 'Bổ sung minh chứng tiêu chí 17' }] },
      verifier,
      7,
    );
    run('RecordSelfAssessment', assessment(ALL), who.commune, 10);
    run('ResubmitDossier', { changes: 'Đã bổ sung minh chứng', ...submission }, who.commune, 1);
  }
  // The district stage of 2021-2025 (RULES-2026 §3): the report posted, the posting closed and the board's vote, dated
  // so that the verification keeps its day (the reports count the days of each step).
  // Far enough back that the posting period (working days) has ended even across Tết.
  if (!twoTier) {
    const posting = { report: fakeSha(60), where: ['Cổng TTĐT huyện'], from: iso(now - 45 * DAY) };
    run('OpenDistrictPosting', posting, who.district, 0);
    run('CloseDistrictPosting', {}, who.district, 0);
    const board = { members: 15, present: 15, for: 15, against: 0 };
    run('HoldDistrictBoardVote', { counts: board, minutes: fakeSha(61) }, who.district, 0);
  }
  run('VerifyDossier', { findings: findings(ALL) }, verifier, 10);
  if (plan.outcome === 'verified') return events;
  run('OpenAppraisalPosting', { from: iso(now) }, who.province, 1);
  run('CloseAppraisalPosting', {}, who.province, 20);
  for (const member of who.council) run('CastCouncilVote', { vote: 'approve' }, member, 0);
  if (plan.outcome === 'voted') return events;
  run(
    'ConcludeAppraisal',
    {
      counts: { members: 3, present: 3, for: 3, against: 0 },
      ...(plan.appraisalMet ? { findings: findings(plan.appraisalMet) } : {}),
    },
    who.province,
    1,
  );
  const decision = plan.decision ?? { number: `${plan.year}/QĐ-UBND`, on: iso(now + 5 * DAY).slice(0, 10) };
  if (plan.outcome === 'refused') {
    run(
      'RefuseRecognition',
      { decisionNumber: decision.number, decidedOn: decision.on, reasons: ['Chưa đủ điều kiện'] },
      who.chairman,
      5,
    );
    return events;
  }
  run('DecideRecognition', { decisionNumber: decision.number, decidedOn: decision.on }, who.chairman, 5);
  if (plan.outcome === 'recognised') return events;
  run(
    'AnnounceRecognition',
    { announcedOn: iso(now + 10 * DAY).slice(0, 10), where: 'Nhà văn hóa xã' },
    who.province,
    10,
  );
  if (plan.outcome === 'announced') return events;
  const revocation = plan.revocation ?? {
    number: `${plan.year + 1}/QĐ-TH`,
    on: `${plan.year + 1}-06-30`,
    failed: ALL.slice(0, 10),
  };
  run('ProposeRevocation', { reason: 'Kiểm tra cho thấy nhiều tiêu chí không còn đạt' }, who.province, 200);
  run(
    'AssessForRevocation',
    { results: ALL.map((criterion) => ({ criterion, met: !revocation.failed.includes(criterion) })) },
    who.province,
    20,
  );
  run('DecideRevocation', { decisionNumber: revocation.number, decidedOn: revocation.on }, who.chairman, 10);
  return events;
};

/** The events of one planned dossier, in order. */
export const dossierEvents = (plan: DossierPlan, decider?: DossierDecider): DossierEvent[] =>
  dossierCommands(plan, decider).flat();

let cached: DossierDecider | undefined;
const defaultDecider = () => (cached ??= createDossierDecider());

/** Stamps store metadata on domain events (a dossier's, a survey's). */
export const toAppend = (
  events: readonly { readonly type: string; readonly data: unknown }[],
  actor = 'history-generator',
): EventToAppend[] =>
  events.map((e) => ({
    eventId: randomUUID(),
    type: e.type,
    data: e.data,
    metadata: { actor, role: 'system', correlationId: randomUUID(), causationId: randomUUID() },
  }));

/** Appends each plan's dossier as one stream; returns the position of the last event written. */
export const appendHistory = async (
  store: EventStore,
  plans: readonly DossierPlan[],
  decider?: DossierDecider,
): Promise<Position> => {
  let last = '';
  for (const plan of plans) {
    const { position } = await store.append(
      dossierStreamId(plan.dossierId),
      toAppend(dossierEvents(plan, decider)),
      { expectedVersion: 'no-stream' },
    );
    if (position > last) last = position;
  }
  // Readers see only below the oldest open transaction on the server (any database): wait until ours are visible.
  const deadline = Date.now() + 30_000;
  while (comparePositions(await store.headPosition(), last) < 0) {
    if (Date.now() > deadline) throw new Error(`appended history not visible at ${last} after 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return last;
};
