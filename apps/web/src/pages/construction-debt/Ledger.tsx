import { useState, type ReactNode } from 'react';
import { Alert, Button, Space, Table, Tag } from 'antd';
import { useAuth } from '../../auth';
import { DocumentLink } from '../../components/Evidence';
import { stackOnPhone } from '../../components/stack-on-phone';
import { formatDate, vnd } from '../../labels';
import { PageTitle } from '../emulation/shared';
import { LedgerDialogs, type LedgerDialog } from './LedgerForms';
import { useLedger, type DebtEntry, type DebtLedger } from './shared';

/** The commune officer's own ledger (/no-dong-xdcb). */
export default function CommuneLedger() {
  const { user } = useAuth();
  return (
    <Ledger
      communeCode={user?.communeCode ?? ''}
      provinceCode={user?.provinceCode ?? ''}
      title="Nợ đọng xây dựng cơ bản"
    />
  );
}

const paid = (e: DebtEntry) => e.payments.reduce((sum, p) => sum + p.amount, 0);

/** An amount on one line in a narrow column: "500.000.000" over "đồng" reads as two figures. */
export const money = (amount: number) => <span style={{ whiteSpace: 'nowrap' }}>{vnd(amount)}</span>;

/**
 * "Sổ theo dõi nợ đọng xây dựng cơ bản" of one commune (RULES-2026 §4): each accepted work the commune has not paid
 * for, every payment, each with its basis and evidence. While it owes, the commune cannot submit a recognition
 * dossier; the commune's officers and the province's keep it, the province's other roles read it.
 */
export const Ledger = ({
  communeCode,
  provinceCode,
  title,
  nav,
}: {
  communeCode: string;
  provinceCode: string;
  title: string;
  /** The way back to where the ledger was opened from. */
  nav?: ReactNode;
}) => {
  const { user } = useAuth();
  const mayWrite = user?.role === 'commune_officer' || user?.role === 'province_officer';
  const ledger = useLedger(communeCode);
  const [dialog, setDialog] = useState<LedgerDialog | null>(null);
  return (
    <>
      <PageTitle>{title}</PageTitle>
      {nav}
      <p>
        Sổ ghi từng công trình đã nghiệm thu mà xã chưa thanh toán cho đơn vị thi công, và từng lần trả nợ,
        kèm căn cứ và minh chứng.
      </p>
      {ledger.error && <Alert type="error" showIcon role="alert" title={ledger.error.message} />}
      {ledger.data && <DebtSummary ledger={ledger.data} />}
      {mayWrite && (
        <Button type="primary" onClick={() => setDialog({ kind: 'record' })} style={{ marginBottom: 16 }}>
          Ghi khoản nợ mới
        </Button>
      )}
      <section aria-labelledby="cac-cong-trinh">
        <h2 id="cac-cong-trinh" style={{ fontSize: 20 }}>
          Các công trình trong sổ
        </h2>
        <DebtTable
          entries={ledger.data?.entries ?? []}
          loading={ledger.isLoading}
          act={mayWrite ? setDialog : undefined}
        />
      </section>
      {ledger.data?.formerCommunes.map((former) => (
        <section key={former.communeCode} aria-labelledby={`so-cu-${former.communeCode}`}>
          <h2 id={`so-cu-${former.communeCode}`} style={{ fontSize: 20 }}>
            Sổ của {former.name} trước sáp nhập
          </h2>
          <p>
            Các khoản nợ của {former.name} (mã {former.communeCode}), sáp nhập vào xã
            {former.mergedOn ? ` từ ngày ${formatDate(former.mergedOn)}` : ''}, nay do xã theo dõi và trả.
          </p>
          <DebtTable entries={former.entries} loading={false} act={mayWrite ? setDialog : undefined} />
        </section>
      ))}
      <LedgerDialogs
        communeCode={communeCode}
        provinceCode={provinceCode}
        dialog={dialog}
        onClose={() => setDialog(null)}
      />
    </>
  );
};

/** What the ledger owes now, and what that means for the commune's dossier. */
const DebtSummary = ({
  ledger: { owedInAll: outstanding, entries, formerCommunes },
}: {
  ledger: DebtLedger;
}) =>
  outstanding.total > 0 ? (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={`Xã còn nợ đọng xây dựng cơ bản: ${vnd(outstanding.total)}`}
      description={
        <>
          <p style={{ margin: 0 }}>
            Xã chưa được nộp hồ sơ đề nghị xét công nhận khi còn nợ đọng xây dựng cơ bản (Điều kiện 3, Quyết
            định 18/2022/QĐ-TTg). Các công trình còn nợ:
          </p>
          <ul style={{ margin: 0 }}>
            {outstanding.unpaid.map((w, i) => (
              <li key={i}>
                {w.project}
                {w.formerCommune ? ` (của ${w.formerCommune} trước sáp nhập)` : ''}: còn nợ {vnd(w.remaining)}{' '}
                (phát sinh ngày {formatDate(w.incurredOn)})
              </li>
            ))}
          </ul>
        </>
      }
    />
  ) : (
    <Alert
      type="success"
      showIcon
      style={{ marginBottom: 16 }}
      title="Xã không còn nợ đọng xây dựng cơ bản"
      description={
        entries.length + formerCommunes.reduce((n, f) => n + f.entries.length, 0) > 0
          ? 'Các công trình trong sổ đã trả hết nợ hoặc đã hủy do ghi nhầm.'
          : 'Sổ chưa ghi khoản nợ nào.'
      }
    />
  );

const Status = ({ entry }: { entry: DebtEntry }) =>
  entry.cancelled ? (
    <>
      <Tag>Đã hủy</Tag>
      <div>Lý do: {entry.cancelled.reason}</div>
    </>
  ) : entry.remaining > 0 ? (
    <Tag color="red">Còn nợ</Tag>
  ) : (
    <Tag color="green">Đã trả hết</Tag>
  );

/** The works of the ledger, newest first; each opens on its basis and its payments. */
const DebtTable = ({
  entries,
  loading,
  act,
}: {
  entries: DebtEntry[];
  loading: boolean;
  /** Opens a write's dialog; none for who only reads the ledger. */
  act?: (dialog: LedgerDialog) => void;
}) => {
  const [open, setOpen] = useState<string[]>([]);
  const toggle = (id: string) =>
    setOpen((ids) => (ids.includes(id) ? ids.filter((i) => i !== id) : [...ids, id]));
  return (
    <Table<DebtEntry>
      size="small"
      rowKey="entryId"
      loading={loading}
      dataSource={entries}
      pagination={false}
      locale={{ emptyText: loading ? 'Đang tải…' : 'Sổ chưa ghi công trình nào.' }}
      // The details open from a button among the row's actions, which says what it opens (antd's own is a "+").
      expandable={{
        expandedRowKeys: open,
        showExpandColumn: false,
        expandedRowRender: (e) => <Details entry={e} />,
      }}
      {...stackOnPhone<DebtEntry>([
        { title: 'Công trình', dataIndex: 'project' },
        { title: 'Đơn vị thi công', dataIndex: 'contractor' },
        { title: 'Ngày phát sinh', key: 'incurredOn', render: (_, e) => formatDate(e.incurredOn) },
        { title: 'Số tiền nợ', key: 'amount', align: 'right', render: (_, e) => money(e.amount) },
        { title: 'Đã trả', key: 'paid', align: 'right', render: (_, e) => money(paid(e)) },
        {
          title: 'Còn nợ',
          key: 'remaining',
          align: 'right',
          render: (_, e) => (e.cancelled ? '—' : money(e.remaining)),
        },
        { title: 'Trạng thái', key: 'status', render: (_, e) => <Status entry={e} /> },
        {
          title: '',
          key: 'actions',
          rowActions: true,
          render: (_, e) => (
            <Space wrap size="small">
              <Button
                size="small"
                aria-expanded={open.includes(e.entryId)}
                aria-label={`Chi tiết: ${e.project}`}
                onClick={() => toggle(e.entryId)}
              >
                Chi tiết
              </Button>
              {act && !e.cancelled && e.remaining > 0 && (
                <Button
                  size="small"
                  aria-label={`Ghi trả nợ: ${e.project}`}
                  onClick={() => act({ kind: 'pay', entry: e })}
                >
                  Ghi trả nợ
                </Button>
              )}
              {act && !e.cancelled && e.payments.length === 0 && (
                <Button
                  size="small"
                  danger
                  aria-label={`Hủy khoản ghi nhầm: ${e.project}`}
                  onClick={() => act({ kind: 'cancel', entry: e })}
                >
                  Hủy khoản ghi nhầm
                </Button>
              )}
            </Space>
          ),
        },
      ])}
    />
  );
};

const Documents = ({ hashes }: { hashes: string[] }) => (
  <>
    {hashes.map((h, i) => (
      <span key={h}>
        {i > 0 && ', '}
        <DocumentLink sha256={h} />
      </span>
    ))}
  </>
);

/** A work's basis and evidence, and each payment with its own. */
const Details = ({ entry }: { entry: DebtEntry }) => (
  <div>
    <p style={{ margin: '0 0 8px' }}>
      <strong>Căn cứ ghi nợ:</strong> {entry.basis}; minh chứng: <Documents hashes={entry.evidence} />
    </p>
    {entry.cancelled && (
      <p style={{ margin: '0 0 8px' }}>
        <strong>Hủy ngày {formatDate(entry.cancelled.at)}:</strong> {entry.cancelled.reason}
      </p>
    )}
    <strong>Các lần trả nợ</strong>
    {entry.payments.length > 0 ? (
      <ol style={{ margin: 0 }}>
        {entry.payments.map((p, i) => (
          <li key={i}>
            Ngày {formatDate(p.paidOn)}: trả {vnd(p.amount)}; căn cứ: {p.basis}; minh chứng:{' '}
            <Documents hashes={p.evidence} />
          </li>
        ))}
      </ol>
    ) : (
      <p style={{ margin: 0 }}>Chưa có lần trả nào.</p>
    )}
  </div>
);
