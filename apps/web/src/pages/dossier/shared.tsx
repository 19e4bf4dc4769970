// What the dossier's tabs share: who looks at it and how, its criteria, its assessment in force.
import { Alert, Input, Radio, Space } from 'antd';
import type { DossierView, ReturnReason } from '../../api/types';

/** A share (0..1) as a Vietnamese reader writes it: 52,6%. */
export const percent = (share: number) => `${Math.round(share * 1000) / 10}%`.replace('.', ',');

/** What each tab of the dossier page is given. */
export interface DossierTabProps {
  dossier: DossierView;
  /** The signed-in user's role. */
  role: string;
  /** The dossier as it stood at a past instant: shown, not acted on. */
  readOnly: boolean;
}

/** The criteria set the dossier is judged on: its procedure's set for its level (none if the procedure has none). */
export const criteriaSetOf = (dossier: DossierView) => dossier.procedure.criteria[dossier.level];

/** The self-assessment in force (the last recorded), if any. */
export const assessmentOf = (dossier: DossierView) => dossier.assessments.at(-1);

/** The two answers a criterion gets, from the commune and from the reviewers alike. */
export const MET_OPTIONS = [
  { value: true, label: 'Đạt' },
  { value: false, label: 'Chưa đạt' },
];

/** The criteria the dossier is judged on: its procedure's set for its level, else the set pinned at its opening. */
export const criteriaOf = (dossier: DossierView): { number: number; name: string; key: boolean }[] =>
  (criteriaSetOf(dossier)?.criteria ?? dossier.criteriaSet?.document.criteria ?? []).map((c) => ({
    number: c.number,
    name: c.name,
    key: c.key,
  }));

/** The pinned set when the commune reports indicator values and the system judges them (2026-2030), else none. */
export const indicatorSetOf = (dossier: DossierView) =>
  dossier.criteriaSet?.document.assessment === 'indicators' ? dossier.criteriaSet.document : undefined;

/** The reasons a return gave for one criterion, shown beside it while the commune supplements. */
export const CriterionReasons = ({ reasons, criterion }: { reasons: ReturnReason[]; criterion: number }) =>
  reasons
    .filter((x) => x.criterion === criterion)
    .map((x, i) => (
      <Alert
        key={i}
        type="warning"
        showIcon
        style={{ marginBottom: 8 }}
        title={`Lý do trả lại tiêu chí ${criterion}: ${x.text}`}
      />
    ));

/** One criterion's finding as a reviewer gives it: met or not and, when not, a line saying why. */
export const CriterionFindingInput = ({
  criterion,
  label,
  met,
  onMet,
  why,
  onWhy,
}: {
  criterion: number;
  /** What the finding is, e.g. "Kết quả thẩm tra": the group is named "<label> tiêu chí <n>". */
  label: string;
  met: boolean;
  onMet: (met: boolean) => void;
  /** The line asked for when the criterion is not met: its accessible name, placeholder and value. */
  why: { label: string; placeholder: string; value: string };
  onWhy: (text: string) => void;
}) => (
  <Space direction="vertical">
    <Radio.Group
      aria-label={`${label} tiêu chí ${criterion}`}
      value={met}
      onChange={(e) => onMet(e.target.value as boolean)}
      options={MET_OPTIONS}
    />
    {!met && (
      <Input
        aria-label={why.label}
        placeholder={why.placeholder}
        value={why.value}
        onChange={(e) => onWhy(e.target.value)}
      />
    )}
  </Space>
);
