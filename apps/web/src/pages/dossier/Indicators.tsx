// 2026-2030 (Decision 51/2025/QĐ-TTg): the commune reports each indicator's value with its evidence; whether each
// indicator and criterion is met is computed against the thresholds of the commune's group, never ticked.
import { useState } from 'react';
import { Alert, Card, InputNumber, Radio, Space, Tag, Typography } from 'antd';
import {
  assessIndicators,
  thresholdFor,
  type IndicatorResult,
  type ReportedIndicator,
} from '../../../../../libs/criteria/src/assess';
import type { CriteriaSetDocument, DossierView, IndicatorDocument, ReturnReason } from '../../api/types';
import { DocumentLink, documentOf, EvidenceUpload, type UploadedDocument } from '../../components/Evidence';
import { formatDate, formatDateTime } from '../../labels';
import { CommandButton, CommandError, useDossierCommand } from './command';
import { assessmentOf, CriterionReasons, indicatorSetOf } from './shared';

type Value = number | boolean;

const numberFmt = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 4 });
const SIGNS: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '=' };

const withUnit = (n: number, unit: string | null) => `${numberFmt.format(n)}${unit ? ` ${unit}` : ''}`;

/** The threshold as a person reads it: "≥ 50 triệu đồng/người/năm", "≤ 6 %", "Có". */
const thresholdText = (indicator: IndicatorDocument, group: string): string => {
  const t = thresholdFor(indicator, group);
  if (t === null) return 'chưa có ngưỡng cho nhóm xã này';
  if (typeof t === 'boolean') return t ? 'Có' : 'Không';
  return `${SIGNS[indicator.comparison] ?? '='} ${withUnit(t, indicator.unit)}`;
};

const valueText = (value: Value | null, unit: string | null): string =>
  value === null
    ? 'chưa kê khai'
    : typeof value === 'boolean'
      ? value
        ? 'Có'
        : 'Không'
      : withUnit(value, unit);

/** Met, not met, or why it cannot be judged yet. */
const Verdict = ({ result }: { result: IndicatorResult | undefined }) => {
  if (!result || result.value === null) return <Tag>Chưa kê khai</Tag>;
  if (result.verdict === 'no-threshold') return <Tag color="orange">Chưa có ngưỡng để đánh giá</Tag>;
  return result.met ? <Tag color="green">Đạt</Tag> : <Tag color="red">Chưa đạt</Tag>;
};

const groupName = (set: CriteriaSetDocument, group: string) =>
  set.groups.find((g) => g.code === group)?.name ?? group;

/** The commune's group, its basis and date: what every threshold on the screen depends on. */
const GroupLine = ({ dossier, set }: { dossier: DossierView; set: CriteriaSetDocument }) => {
  const g = dossier.communeGroup;
  if (!g)
    return (
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title="Tỉnh chưa xác định nhóm của xã nên chưa xác định được ngưỡng của các chỉ tiêu."
      />
    );
  return (
    <Typography.Paragraph>
      Xã được đánh giá theo ngưỡng của <strong>{groupName(set, g.group)}</strong>. Căn cứ: {g.basis} (ngày{' '}
      {formatDate(g.decidedOn)}).
    </Typography.Paragraph>
  );
};

/** The self-assessment indicator by indicator, grouped by criterion, judged live as the commune types. */
export const IndicatorSelfAssessment = ({
  dossier,
  editable,
  reasons,
}: {
  dossier: DossierView;
  editable: boolean;
  /** The reasons of the return being answered now, shown beside their criterion. */
  reasons: ReturnReason[];
}) => {
  const set = indicatorSetOf(dossier)!;
  const group = dossier.communeGroup?.group ?? '';
  const last = assessmentOf(dossier);
  const indicators = set.criteria.flatMap((c) => c.indicators);
  const [values, setValues] = useState<Record<string, Value | null>>(() =>
    Object.fromEntries(
      indicators.map((i) => [i.code, last?.indicators?.find((r) => r.code === i.code)?.value ?? null]),
    ),
  );
  const [evidence, setEvidence] = useState<Record<string, UploadedDocument[]>>(() =>
    Object.fromEntries(
      indicators.map((i) => [
        i.code,
        (last?.indicators?.find((r) => r.code === i.code)?.evidence ?? []).map(documentOf),
      ]),
    ),
  );
  const [report, setReport] = useState<UploadedDocument[]>(last?.report ? [documentOf(last.report)] : []);
  const command = useDossierCommand(dossier.id, dossier.version);
  const reported: ReportedIndicator[] = indicators.flatMap((i) => {
    const value = values[i.code];
    return value === null || value === undefined ? [] : [{ code: i.code, value }];
  });
  // The same pure judgement the server makes when the values are saved.
  const live = assessIndicators(set, group, reported);
  const missing = indicators.filter((i) => values[i.code] === null || values[i.code] === undefined);
  const unproven = indicators.filter((i) => (evidence[i.code] ?? []).length === 0).map((i) => i.code);
  const metNow = live.criteria.filter((c) => c.met).length;
  return (
    <div>
      <GroupLine dossier={dossier} set={set} />
      {(set.test || set.unverified.length > 0) && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={set.note ?? 'Bộ tiêu chí có nội dung chưa được đối chiếu với văn bản gốc'}
          description={
            <ul style={{ margin: 0 }}>
              {set.unverified.map((u) => (
                <li key={u}>{u}</li>
              ))}
            </ul>
          }
        />
      )}
      <Typography.Paragraph>
        Bộ tiêu chí: {set.title}. Với mỗi chỉ tiêu, nhập giá trị đạt được và đính kèm tài liệu minh chứng; hệ
        thống tự xác định chỉ tiêu, tiêu chí đạt hay chưa đạt theo ngưỡng của nhóm xã.
      </Typography.Paragraph>
      <ol aria-label="Các tiêu chí" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {set.criteria.map((c) => {
          const result = live.criteria.find((r) => r.criterion === c.number);
          return (
            <li key={c.number} style={{ borderTop: '1px solid #d9d9d9', padding: '12px 0' }}>
              <Space wrap style={{ marginBottom: 8 }}>
                <strong>
                  Tiêu chí {c.number}. {c.name}
                </strong>
                {c.key && <Tag>Tiêu chí then chốt</Tag>}
                <span>
                  {result?.met ? <Tag color="green">Đạt</Tag> : <Tag color="red">Chưa đạt</Tag>}
                  {result?.indicatorsMet ?? 0}/{result?.indicatorsTotal ?? 0} chỉ tiêu đạt
                </span>
              </Space>
              <CriterionReasons reasons={reasons} criterion={c.number} />
              {c.indicators.length === 0 && (
                <Typography.Paragraph style={{ paddingLeft: 16 }}>
                  Bộ tiêu chí chưa có chỉ tiêu để đánh giá tiêu chí này; tiêu chí chưa thể được xác định là
                  đạt.
                </Typography.Paragraph>
              )}
              {c.indicators.map((i) => (
                <fieldset
                  key={i.code}
                  // Three columns, one on a narrow screen (index.css).
                  className="indicator-row"
                  style={{ border: 0, margin: 0, padding: '8px 0 8px 16px' }}
                >
                  <legend style={{ fontSize: 14, marginBottom: 4, float: 'left', gridColumn: '1 / -1' }}>
                    Chỉ tiêu {i.code}. {i.name}
                  </legend>
                  <div>
                    <div>Đơn vị: {i.unit ?? 'có/không'}</div>
                    <div>Ngưỡng của nhóm xã: {thresholdText(i, group)}</div>
                    <div>
                      Kết quả: <Verdict result={live.indicators.find((r) => r.code === i.code)} />
                    </div>
                  </div>
                  <div>
                    <IndicatorInput
                      indicator={i}
                      value={values[i.code] ?? null}
                      disabled={!editable}
                      onChange={(v) => setValues((vs) => ({ ...vs, [i.code]: v }))}
                    />
                  </div>
                  <div>
                    {editable ? (
                      <EvidenceUpload
                        compact
                        label={`Tài liệu minh chứng chỉ tiêu ${i.code}`}
                        value={evidence[i.code] ?? []}
                        onChange={(docs) => setEvidence((e) => ({ ...e, [i.code]: docs }))}
                      />
                    ) : (
                      (evidence[i.code] ?? []).map((d) => <DocumentLink key={d.sha256} sha256={d.sha256} />)
                    )}
                  </div>
                </fieldset>
              ))}
            </li>
          );
        })}
      </ol>
      <Typography.Paragraph strong style={{ marginTop: 12 }}>
        Theo số liệu đang nhập: {metNow}/{live.criteria.length} tiêu chí đạt.
      </Typography.Paragraph>
      {last && (
        <Typography.Paragraph>
          Kết quả đã lưu (lần {last.version}, {formatDateTime(last.recordedAt)}): {last.metCount}/{last.total}{' '}
          tiêu chí đạt theo ngưỡng của {groupName(set, last.group ?? group)}.
        </Typography.Paragraph>
      )}
      {editable && (
        <Card size="small" style={{ marginTop: 16 }} title="Báo cáo kết quả tự đánh giá (không bắt buộc)">
          <EvidenceUpload label="Báo cáo kết quả tự đánh giá" value={report} onChange={setReport} />
        </Card>
      )}
      {editable && (
        <div style={{ marginTop: 16 }}>
          <CommandError error={command.error} />
          {missing.length > 0 && (
            <Typography.Paragraph>Còn {missing.length} chỉ tiêu chưa nhập giá trị.</Typography.Paragraph>
          )}
          {unproven.length > 0 && (
            <Typography.Paragraph>
              Mỗi chỉ tiêu cần ít nhất một tài liệu minh chứng; còn thiếu ở chỉ tiêu {unproven.join(', ')}.
            </Typography.Paragraph>
          )}
          <Space wrap>
            <CommandButton
              type="primary"
              disabled={missing.length > 0 || unproven.length > 0 || !dossier.communeGroup}
              command={command}
              request={{
                path: '/api/v1/dossiers/{id}/indicator-assessment',
                body: {
                  indicators: reported.map((r) => ({
                    ...r,
                    evidence: (evidence[r.code] ?? []).map((d) => d.sha256),
                  })),
                  ...(report[0] ? { report: report[0].sha256 } : {}),
                },
                success: 'Đã lưu giá trị các chỉ tiêu',
              }}
            >
              Lưu giá trị các chỉ tiêu
            </CommandButton>
            {last && (
              <Typography.Text type="secondary">Đã lưu {dossier.assessments.length} lần.</Typography.Text>
            )}
          </Space>
        </div>
      )}
    </div>
  );
};

/** A figure for a measured indicator, yes or no for the others. */
const IndicatorInput = ({
  indicator,
  value,
  disabled,
  onChange,
}: {
  indicator: IndicatorDocument;
  value: Value | null;
  disabled: boolean;
  onChange: (v: Value | null) => void;
}) => {
  const label = `Giá trị chỉ tiêu ${indicator.code}${indicator.unit ? ` (${indicator.unit})` : ''}`;
  if (indicator.comparison === 'boolean')
    return (
      <Radio.Group
        aria-label={label}
        disabled={disabled}
        value={value}
        onChange={(e) => onChange(e.target.value as boolean)}
        options={[
          { value: true, label: 'Có' },
          { value: false, label: 'Không' },
        ]}
      />
    );
  return (
    <InputNumber<number>
      aria-label={label}
      disabled={disabled}
      value={typeof value === 'number' ? value : null}
      decimalSeparator=","
      min={-1e12}
      max={1e12}
      style={{ width: '100%' }}
      onChange={(n) => onChange(n ?? null)}
    />
  );
};

/** The indicator values of one criterion as the commune saved them, judged by the server: for the reviewers. */
export const IndicatorValues = ({ dossier, criterion }: { dossier: DossierView; criterion: number }) => {
  const set = indicatorSetOf(dossier);
  const last = assessmentOf(dossier);
  if (!set || !last?.indicators) return null;
  const group = last.group ?? dossier.communeGroup?.group ?? '';
  const byCode = new Map(set.criteria.flatMap((c) => c.indicators).map((i) => [i.code, i]));
  return (
    <ul aria-label={`Các chỉ tiêu của tiêu chí ${criterion}`} style={{ margin: 0, paddingLeft: 16 }}>
      {last.indicators
        .filter((r) => r.criterion === criterion)
        .map((r) => {
          const i = byCode.get(r.code);
          return (
            <li key={r.code}>
              {r.code}. {i?.name}: {valueText(r.value, i?.unit ?? null)}
              {i && ` (ngưỡng ${thresholdText(i, group)})`} <Verdict result={r} />
              {r.evidence.map((h) => (
                <DocumentLink key={h} sha256={h} />
              ))}
            </li>
          );
        })}
    </ul>
  );
};
