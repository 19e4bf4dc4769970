import { createVietnamCalendar } from '@ntm/calendar';
import type { Actor } from '@ntm/decider';
import { criteriaSetHash, testSet2026, type Level } from '@ntm/criteria';
import type { CommuneGroupFact } from '../commune-record';
import type {
  CommandOf,
  CommuneRef,
  DossierCommand,
  DossierCommandType,
  KieuMauDeclaration,
} from '../commands';
import { createDossierDecider } from '../decider';
import type { DebtConfirmation, SecurityCertificate } from '../evidence-conditions';
import type { DossierEvent } from '../events';
import type { ProcedureDefinition, ProcedureVersion } from '../procedure-types';
import { getProcedure } from '../procedures';
import type { Dossier, DossierState } from '../state';

/**
 * Test data for the dossier specifications: Bắc Kạn province (06), Bắc Kạn city (058), the communes Nông Thượng
 * and Dương Quang (from the city's 2021-2025 plan in shared/domain/articles).
 */

export const decider = createDossierDecider(createVietnamCalendar());

export const DOSSIER_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

export const nongThuong: CommuneRef = {
  provinceCode: '06',
  districtCode: '058',
  communeCode: '01843',
  name: 'xã Nông Thượng',
};
export const duongQuang: CommuneRef = {
  provinceCode: '06',
  districtCode: '058',
  communeCode: '01840',
  name: 'xã Dương Quang',
};
/** After the 2025 reform there is no district. */
export const nongThuongTwoTier: CommuneRef = {
  provinceCode: '06',
  communeCode: '01843',
  name: 'xã Nông Thượng',
};

const bacKan = { provinceCode: '06' };
export const actors = {
  communeTwoTier: {
    id: 'u-xa-nt',
    name: 'Hoàng Thị Mai',
    role: 'commune_officer',
    jurisdiction: { ...bacKan, communeCode: '01843' },
  },
  frontTwoTier: {
    id: 'u-mt-nt',
    name: 'Nông Thị Hoa',
    role: 'front_officer',
    jurisdiction: { ...bacKan, communeCode: '01843' },
  },
  commune: {
    id: 'u-xa-nt',
    name: 'Hoàng Thị Mai',
    role: 'commune_officer',
    jurisdiction: { ...bacKan, districtCode: '058', communeCode: '01843' },
  },
  otherCommune: {
    id: 'u-xa-dq',
    name: 'Lý Văn Sáng',
    role: 'commune_officer',
    jurisdiction: { ...bacKan, districtCode: '058', communeCode: '01840' },
  },
  front: {
    id: 'u-mt-nt',
    name: 'Nông Thị Hoa',
    role: 'front_officer',
    jurisdiction: { ...bacKan, districtCode: '058', communeCode: '01843' },
  },
  district: {
    id: 'u-huyen',
    name: 'Triệu Văn Đức',
    role: 'district_officer',
    jurisdiction: { ...bacKan, districtCode: '058' },
  },
  province: { id: 'u-tinh', name: 'Hà Văn Bình', role: 'province_officer', jurisdiction: bacKan },
  otherProvince: {
    id: 'u-tinh-24',
    name: 'Nguyễn Văn An',
    role: 'province_officer',
    jurisdiction: { provinceCode: '24' },
  },
  chairman: { id: 'u-ct', name: 'Chủ tịch UBND tỉnh Bắc Kạn', role: 'chairman', jurisdiction: bacKan },
  system: { id: 'timer', role: 'system', jurisdiction: {} },
  admin: { id: 'u-admin', role: 'admin', jurisdiction: {} },
} satisfies Record<string, Actor>;

export const councilMember = (n: number): Actor => ({
  id: `u-hd-${n}`,
  name: `Thành viên hội đồng ${n}`,
  role: 'council_member',
  jurisdiction: bacKan,
});

/** A document hash: 64 hex digits. */
export const sha = (n: number): string => n.toString(16).padStart(64, '0');

/** Vietnam local time, e.g. at('2025-03-03', '09:00'). */
export const at = (date: string, time = '09:00'): string => `${date}T${time}:00+07:00`;

export const command = <T extends DossierCommandType>(
  type: T,
  data: CommandOf<T>['data'],
  actor: Actor,
  now: string,
): CommandOf<T> => ({ type, data, metadata: { actor, now } }) as CommandOf<T>;

export const fold = (events: readonly DossierEvent[]): DossierState =>
  events.reduce(decider.evolve, decider.initialState());

export const dossierOf = (events: readonly DossierEvent[]): Dossier => fold(events) as Dossier;

/** Bắc Kạn's group for xã Nông Thượng (Decision 51/2025/QĐ-TTg: groups 1 to 3), as the province set it. */
export const communeGroup3: CommuneGroupFact = {
  provinceCode: '06',
  group: 'nhom-3',
  basis: 'Quyết định 245/QĐ-UBND ngày 20/02/2026 của UBND tỉnh Bắc Kạn',
  decidedOn: '2026-02-20',
  setBy: 'u-tinh',
  setAt: at('2026-02-20'),
};

/** The commune opens its dossier on Monday 02/03/2026 under the 2026-2030 rules, Bắc Kạn's test set pinned. */
export const open2026 = (
  over: Partial<CommandOf<'OpenDossier'>['data']> = {},
  actor: Actor = actors.communeTwoTier,
) => {
  const set = testSet2026('06');
  return command(
    'OpenDossier',
    {
      dossierId: DOSSIER_ID,
      commune: nongThuongTwoTier,
      level: 'ntm',
      procedureVersion: '2026-2030',
      year: 2026,
      holdings: [],
      code: '06-2026-0007',
      criteriaSet: { document: set, hash: criteriaSetHash(set) },
      communeGroup: communeGroup3,
      provinceProcedure: null,
      ...over,
    },
    actor,
    at('2026-03-02'),
  );
};

/** Runs commands through the decider, as the shell would, and returns the whole history. */
export const play = (
  commands: readonly DossierCommand[],
  history: readonly DossierEvent[] = [],
): DossierEvent[] => {
  let state = fold(history);
  const events = [...history];
  for (const c of commands) {
    for (const e of decider.decide(c, state)) {
      state = decider.evolve(state, e);
      events.push(e);
    }
  }
  return events;
};

export interface ScenarioOptions {
  readonly version?: ProcedureVersion;
  readonly level?: Level;
  readonly commune?: CommuneRef;
  readonly holdings?: readonly Level[];
  /** Criteria the commune declares as not met. */
  readonly unmet?: readonly number[];
  readonly households?: number;
  readonly formsCollected?: number;
  readonly satisfied?: number;
  /** Outstanding basic-construction debt the finance office confirms (VND). */
  readonly debtOutstanding?: number;
  /** The year of the "An toàn về an ninh, trật tự" certificate (default: the dossier's year, 2025). */
  readonly certificateYear?: number;
  readonly kieuMau?: KieuMauDeclaration;
  /** Council ballots for: out of 10 members, all present. */
  readonly councilFor?: number;
  /** Criteria the appraisal council finds not met. */
  readonly appraisalUnmet?: readonly number[];
}

export const goodKieuMau: KieuMauDeclaration = {
  incomePerCapita: 77,
  nangCaoIncomeStandard: 70,
  smartVillages: ['thôn Nà Dì'],
  outstandingFields: ['Du lịch cộng đồng'],
  evidence: [sha(900)],
};

/**
 * Conditions 3 and 4 as documents (Decision 03/2024/QĐ-TTg; RULES-2026 §3): the certificate "An toàn về an ninh,
 * trật tự" for 2025 and the finance office's confirmation of no debt, unless told otherwise.
 */
export const submissionEvidence = (
  o: { debtOutstanding?: number; certificateYear?: number } = {},
): { securityCertificate: SecurityCertificate; debtConfirmation: DebtConfirmation } => ({
  securityCertificate: {
    number: '125/QĐ-UBND',
    issuedOn: '2025-01-15',
    issuer: 'UBND tỉnh Bắc Kạn',
    year: o.certificateYear ?? 2025,
    evidence: [sha(600)],
  },
  debtConfirmation: {
    number: '45/TCKH',
    issuedOn: '2025-03-20',
    issuer: 'Phòng Tài chính - Kế hoạch thành phố Bắc Kạn',
    outstanding: o.debtOutstanding ?? 0,
    evidence: [sha(601)],
  },
});

/** The commands of a dossier's life, grouped by stage, with realistic dates in 2025. */
export const scenario = (o: ScenarioOptions = {}) => {
  const version = o.version ?? '2021-2025';
  const level = o.level ?? 'ntm';

  const twoTier = version === '2025-two-tier';
  const commune = o.commune ?? (twoTier ? nongThuongTwoTier : nongThuong);
  const verifier = twoTier ? actors.province : actors.district;
  const communeActor = twoTier ? actors.communeTwoTier : actors.commune;
  const frontActor = twoTier ? actors.frontTwoTier : actors.front;
  const set = getProcedure(version).criteria[level]!;
  const unmet = new Set(o.unmet ?? []);
  const councilFor = o.councilFor ?? 10;
  const defaultHoldings: Record<Level, Level[]> = {
    ntm: [],
    'nang-cao': ['ntm'],
    'kieu-mau': ['ntm', 'nang-cao'],
    'hien-dai': ['ntm'],
  };

  const open = command(
    'OpenDossier',
    {
      dossierId: DOSSIER_ID,
      commune,
      level,
      procedureVersion: version,
      year: 2025,
      holdings: o.holdings ?? defaultHoldings[level],
    },
    communeActor,
    at('2025-03-03'),
  );
  const selfAssessment = command(
    'RecordSelfAssessment',
    {
      criteria: set.criteria.map((c) => ({
        criterion: c.number,
        met: !unmet.has(c.number),
        value: unmet.has(c.number) ? 'Chưa đạt' : 'Đạt',
        evidence: unmet.has(c.number) ? [] : [sha(c.number)],
      })),
      ...(level === 'kieu-mau' ? { kieuMau: o.kieuMau ?? goodKieuMau } : {}),
    },
    communeActor,
    at('2025-03-03', '10:00'),
  );
  const prepare = [
    selfAssessment,
    command(
      'OpenPublicPosting',
      {
        where: ['Trụ sở UBND xã', 'Nhà văn hóa thôn Nà Dì', 'Đài truyền thanh xã'],
        from: at('2025-03-03', '10:00'),
      },
      communeActor,
      at('2025-03-03', '10:00'),
    ),
    command('ClosePublicPosting', {}, communeActor, at('2025-03-19', '08:00')),
    command(
      'RecordSurveyResult',
      {
        households: o.households ?? 600,
        formsCollected: o.formsCollected ?? 500,
        satisfied: o.satisfied ?? 490,
        source: 'manual',
      },
      frontActor,
      at('2025-03-20'),
    ),
    command(
      'HoldCommuneMeeting',
      { attendees: 37, votesFor: 37, votesAgainst: 0, minutes: sha(500) },
      communeActor,
      at('2025-03-21'),
    ),
  ];
  const submit = command(
    'SubmitDossier',
    submissionEvidence({ debtOutstanding: o.debtOutstanding, certificateYear: o.certificateYear }),
    communeActor,
    at('2025-03-24'),
  );
  // 2021-2025: the district posts its verification report and its steering board votes first (RULES-2026 §3).
  // The posting is dated from the submission's fortnight so the standard dates of the later stages hold.
  const district =
    version === '2021-2025'
      ? [
          command(
            'OpenDistrictPosting',
            {
              report: sha(700),
              where: ['Cổng thông tin điện tử thành phố Bắc Kạn'],
              from: at('2025-03-10'),
            },
            verifier,
            at('2025-03-25'),
          ),
          command('CloseDistrictPosting', {}, verifier, at('2025-03-26')),
          command(
            'HoldDistrictBoardVote',
            { counts: { members: 15, present: 14, for: 14, against: 0 }, minutes: sha(701) },
            verifier,
            at('2025-03-27'),
          ),
        ]
      : [];
  const verify = command(
    'VerifyDossier',
    { findings: set.criteria.map((c) => ({ criterion: c.number, met: true })) },
    verifier,
    at('2025-03-31'),
  );
  const appraise = [
    command(
      'OpenAppraisalPosting',
      { url: 'https://backan.gov.vn/thong-bao/nong-thuong', from: at('2025-04-01') },
      actors.province,
      at('2025-04-01'),
    ),
    command('CloseAppraisalPosting', {}, actors.province, at('2025-04-14', '08:00')),
    command('CastCouncilVote', { vote: 'approve' }, councilMember(1), at('2025-04-15')),
    command(
      'ConcludeAppraisal',
      {
        counts: { members: 10, present: 10, for: councilFor, against: 10 - councilFor },
        ...(o.appraisalUnmet
          ? {
              findings: set.criteria.map((c) => ({
                criterion: c.number,
                met: !o.appraisalUnmet!.includes(c.number),
              })),
            }
          : {}),
      },
      actors.province,
      at('2025-04-15', '11:00'),
    ),
  ];
  const decide = command(
    'DecideRecognition',
    { decisionNumber: '1234/QĐ-UBND', decidedOn: '2025-04-18' },
    actors.chairman,
    at('2025-04-18'),
  );
  const announce = command(
    'AnnounceRecognition',
    { announcedOn: '2025-04-25', where: 'Nhà văn hóa xã Nông Thượng' },
    actors.province,
    at('2025-04-25'),
  );
  return { open, selfAssessment, prepare, submit, district, verify, appraise, decide, announce };
};

/** Histories at each stage of the standard scenario. */
export const historyUpTo = (
  stage: 'opened' | 'prepared' | 'submitted' | 'verified' | 'appraised' | 'granted' | 'announced',
  o: ScenarioOptions = {},
): DossierEvent[] => {
  const s = scenario(o);
  const stages: DossierCommand[][] = [
    [s.open],
    s.prepare,
    [s.submit],
    [...s.district, s.verify],
    s.appraise,
    [s.decide],
    [s.announce],
  ];
  const order = ['opened', 'prepared', 'submitted', 'verified', 'appraised', 'granted', 'announced'];
  return play(stages.slice(0, order.indexOf(stage) + 1).flat());
};

/** The same history as if the dossier had been opened under a different procedure definition. */
export const withProcedure = (
  events: readonly DossierEvent[],
  change: (p: ProcedureDefinition) => ProcedureDefinition,
): DossierEvent[] =>
  events.map((e) =>
    e.type === 'DossierOpened' ? { ...e, data: { ...e.data, procedure: change(e.data.procedure) } } : e,
  );
