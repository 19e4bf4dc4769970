import { criteriaSet } from '@ntm/criteria';
import {
  PROCEDURE_VERSIONS,
  type ProcedureDefinition,
  type ProcedureVersion,
  type StepDefinition,
  type StepId,
} from './procedure-types';

/**
 * The procedure versions as data. A dossier records the whole definition in DossierOpened, so editing a value
 * here changes only dossiers opened afterwards. Values marked UNVERIFIED are defaults (RULES.md §1.3, §3, §7).
 */

const communeActions: StepDefinition['actions'] = {
  RecordSelfAssessment: 'commune_officer',
  OpenPublicPosting: 'commune_officer',
  RecordPublicComment: 'commune_officer',
  ClosePublicPosting: 'commune_officer',
  RecordSurveyResult: 'front_officer',
  HoldCommuneMeeting: 'commune_officer',
};

const communePreparation: StepDefinition = {
  id: 'commune-preparation',
  limit: null,
  actions: { ...communeActions, SubmitDossier: 'commune_officer' },
  note: 'Không có thời hạn trong văn bản đã tìm thấy.',
};

const provincialAppraisal: StepDefinition = {
  id: 'provincial-appraisal',
  limit: { amount: 15, unit: 'calendar-days' },
  actions: {
    OpenAppraisalPosting: 'province_officer',
    RecordPublicComment: 'province_officer',
    CloseAppraisalPosting: 'province_officer',
    CastCouncilVote: 'council_member',
    ConcludeAppraisal: 'province_officer',
    ReturnForSupplementation: 'province_officer',
  },
  note: 'UNVERIFIED: 15 ngày theo Thông tư 40/2014; chưa đối chiếu Quyết định 18/2022.',
};

const decision: StepDefinition = {
  id: 'decision',
  limit: null,
  actions: { DecideRecognition: 'chairman', RefuseRecognition: 'chairman' },
  note: 'Thời hạn ra quyết định: không tìm thấy.',
};

const announcement: StepDefinition = {
  id: 'announcement',
  limit: null,
  actions: { AnnounceRecognition: 'province_officer' },
};

const supplementation: StepDefinition = {
  id: 'supplementation',
  limit: null,
  actions: { ...communeActions, ResubmitDossier: 'commune_officer' },
  note: 'Thời hạn bổ sung hồ sơ: không tìm thấy.',
};

const revocationSteps: readonly StepDefinition[] = [
  { id: 'revocation-assessment', limit: null, actions: { AssessForRevocation: 'province_officer' } },
  { id: 'revocation-decision', limit: null, actions: { DecideRevocation: 'chairman' } },
];

const verification = (id: StepId, role: 'district_officer' | 'province_officer'): StepDefinition => ({
  id,
  limit: { amount: 15, unit: 'working-days' },
  actions: { VerifyDossier: role, ReturnForSupplementation: role },
  note: 'UNVERIFIED: 15 ngày làm việc theo thủ tục thời Quyết định 2540/2016.',
});

/**
 * The district's verification under 2021-2025 (RULES-2026 §3): it posts its report for comments, its steering board
 * votes, and it may end the dossier as "not eligible, reasons stated" besides passing or returning it.
 */
const districtVerification: StepDefinition = (() => {
  const base = verification('district-verification', 'district_officer');
  return {
    ...base,
    actions: {
      ...base.actions,
      OpenDistrictPosting: 'district_officer',
      RecordPublicComment: 'district_officer',
      CloseDistrictPosting: 'district_officer',
      HoldDistrictBoardVote: 'district_officer',
      DeclareNotEligible: 'district_officer',
    },
  };
})();

type VersionSpecific = Pick<
  ProcedureDefinition,
  'version' | 'title' | 'legalBasis' | 'requiresDistrict' | 'steps'
> &
  Partial<Pick<ProcedureDefinition, 'period'>>;

const withCommonRules = (specific: VersionSpecific): ProcedureDefinition => ({
  ...specific,
  supplementation,
  revocationSteps,
  roles: {
    open: 'commune_officer',
    withdraw: 'commune_officer',
    proposeRevocation: 'province_officer',
    annualReview: 'commune_officer',
    timer: 'system',
  },
  // UNVERIFIED: 15 days is remembered from 2540/TT40.
  communePosting: { amount: 15, unit: 'calendar-days' },
  // UNVERIFIED: 10 days from one provincial example (Nghệ An 2021).
  appraisalPosting: { amount: 10, unit: 'calendar-days' },
  communeMeeting: {
    threshold: 0.9,
    quorum: 0,
    note: 'UNVERIFIED: ≥ 90% số người dự họp (theo Quyết định 2540).',
  },
  appraisalCouncil: {
    threshold: 0.9,
    quorum: 0.5,
    note: 'UNVERIFIED: ≥ 90% tổng số thành viên hội đồng; túc số 50% là giá trị mặc định.',
  },
  // UNVERIFIED: thresholds per level and the minimum coverage are not in any source found (RULES.md §3).
  satisfaction: {
    ntm: { threshold: 0.9, minimumCoverage: 0.7, note: 'UNVERIFIED' },
    'nang-cao': { threshold: 0.95, minimumCoverage: 0.7, note: 'UNVERIFIED' },
    'kieu-mau': { threshold: 0.98, minimumCoverage: 0.7, note: 'UNVERIFIED' },
    'hien-dai': { threshold: 0.98, minimumCoverage: 0.7, note: 'UNVERIFIED' },
  },
  // The shape is the Front's (Hướng dẫn 90/HD-MTTW-BTT); the shares are condition 2's above. UNVERIFIED: no
  // national window was found; 20 working days is one district's plan (Triệu Sơn, Thanh Hóa, 2024).
  survey: {
    windowWorkingDays: 20,
    questions: [],
    groups: [],
    source: 'Hướng dẫn 90/HD-MTTW-BTT ngày 20/09/2022 của Ban Thường trực UBTƯ MTTQ Việt Nam',
    note: 'UNVERIFIED: thời gian lấy ý kiến 20 ngày làm việc theo một kế hoạch cấp huyện (Triệu Sơn 2024); tỉnh quy định khác thì nạp trong quy trình của tỉnh',
  },
  // RULES-2026 §3: Decision 03/2024/QĐ-TTg amended these rules (Art. 4 cl. 5 points a, b); its text was not read.
  revocation: {
    lowerShare: 0.3,
    upperShare: 0.5,
    note: 'Chưa đối chiếu: Quyết định 03/2024/QĐ-TTg đã sửa đổi điểm a, b khoản 5 Điều 4 về thu hồi quyết định công nhận; tỷ lệ theo Quyết định 18/2022/QĐ-TTg.',
  },
  criteria: {
    ntm: criteriaSet('2021-2025', 'ntm'),
    'nang-cao': criteriaSet('2021-2025', 'nang-cao'),
    'kieu-mau': criteriaSet('2021-2025', 'kieu-mau'),
  },
});

/**
 * 2026-2030 under two-tier local government (from 01/07/2025): province and commune only. Decree
 * 131/2025/NĐ-CP (Art. 44) moves the former district work of Decision 18/2022 (evaluation, consultation,
 * dossier) to the province or the commune; Thông tư 13/2025/TT-BNNMT covers rural development. The national
 * steps below are the default; a province's published internal procedure (TTHC nội bộ, e.g. Nghệ An
 * 2111/QĐ-UBND of 03/07/2025) overrides limits and roles (RULES-2026 §2, UNVERIFIED per province). The criteria
 * are not fixed here: the dossier pins the criteria-set document it is opened under.
 */
const procedure2026: ProcedureDefinition = {
  ...withCommonRules({
    version: '2026-2030',
    period: '2026-2030',
    title: 'Xét, công nhận xã đạt chuẩn nông thôn mới giai đoạn 2026-2030 (chính quyền địa phương hai cấp)',
    legalBasis:
      'Quyết định 51/2025/QĐ-TTg ngày 29/12/2025; Quyết định 18/2022/QĐ-TTg; Nghị định 131/2025/NĐ-CP ngày 12/06/2025 (Điều 44); Thông tư 13/2025/TT-BNNMT',
    requiresDistrict: false,
    steps: [
      {
        ...communePreparation,
        actions: { ...communePreparation.actions, RecordIndicatorAssessment: 'commune_officer' },
      },
      {
        ...verification('provincial-verification', 'province_officer'),
        note: 'UNVERIFIED: thẩm tra do cấp tỉnh thực hiện thay cấp huyện (Nghị định 131/2025, Điều 44); 15 ngày làm việc là giá trị mặc định, tỉnh có thể quy định khác.',
      },
      provincialAppraisal,
      decision,
      announcement,
    ],
  }),
  supplementation: {
    ...supplementation,
    actions: { ...supplementation.actions, RecordIndicatorAssessment: 'commune_officer' },
  },
  criteria: {},
};

const definitions: Readonly<Record<ProcedureVersion, ProcedureDefinition>> = {
  '2021-2025': {
    ...withCommonRules({
      version: '2021-2025',
      title: 'Xét, công nhận xã đạt chuẩn nông thôn mới giai đoạn 2021-2025',
      legalBasis: 'Quyết định 18/2022/QĐ-TTg ngày 02/08/2022',
      requiresDistrict: true,
      steps: [communePreparation, districtVerification, provincialAppraisal, decision, announcement],
    }),
    // RULES-2026 §3 (provincial practice): the posting period and the board's vote share were not found.
    districtStage: {
      posting: { amount: 15, unit: 'calendar-days' },
      board: {
        threshold: 0.9,
        quorum: 0.5,
        note: 'UNVERIFIED: ≥ 90% tổng số thành viên Ban Chỉ đạo huyện, túc số 50%; thời gian công khai 15 ngày là giá trị mặc định.',
      },
    },
  },
  '2025-two-tier': withCommonRules({
    version: '2025-two-tier',
    title: 'Xét, công nhận xã đạt chuẩn nông thôn mới (chính quyền địa phương hai cấp)',
    legalBasis:
      'Quyết định 18/2022/QĐ-TTg; Nghị định 131/2025/NĐ-CP ngày 12/06/2025 (Điều 44); Thông tư 13/2025/TT-BNNMT',
    requiresDistrict: false,
    steps: [
      communePreparation,
      verification('provincial-verification', 'province_officer'),
      provincialAppraisal,
      decision,
      announcement,
    ],
  }),
  '2026-2030': procedure2026,
};

export const isProcedureVersion = (v: string): v is ProcedureVersion =>
  (PROCEDURE_VERSIONS as readonly string[]).includes(v);

export const getProcedure = (version: ProcedureVersion): ProcedureDefinition => definitions[version];
