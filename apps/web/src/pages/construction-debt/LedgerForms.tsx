// The ledger's three writes, each a form in a dialog: a new debt, a payment, the cancellation of an entry in error.
import type { ReactNode } from 'react';
import type { Dayjs } from 'dayjs';
import { Form, InputNumber, Modal } from 'antd';
import { api, newActionKey, unwrap } from '../../api/client';
import { type UploadedDocument } from '../../components/Evidence';
import { SendButton } from '../../components/uploads';
import { DEBT_LIMITS, formatDate, vnd } from '../../labels';
import { DocumentItem } from '../dossier/command';
import { DateField, Required, TextField } from '../emulation/shared';
import { Refusal, useSettingsForm } from '../province/shared';
import { useDebtWrite, type DebtEntry } from './shared';

/** Where a write goes: the commune's ledger, in its province. */
interface LedgerPlace {
  communeCode: string;
  provinceCode: string;
}

/** What a dialog open on the ledger is for. */
export type LedgerDialog = { kind: 'record' } | { kind: 'pay' | 'cancel'; entry: DebtEntry };

/** An amount in whole đồng, its thousands grouped as Vietnamese writes them (500.000.000). */
const AmountField = ({ label }: { label: string }) => (
  <Required name="amount" label={label} message={`Nhập ${label.toLowerCase()}`}>
    <InputNumber<number>
      min={1}
      max={DEBT_LIMITS.amount}
      precision={0}
      formatter={(v) => `${v ?? ''}`.replace(/\B(?=(\d{3})+(?!\d))/g, '.')}
      // The digits only, as text: an emptied box stays empty (required), not 0.
      parser={(v) => (v ?? '').replace(/\D/g, '') as unknown as number}
      style={{ width: '100%', maxWidth: 280 }}
    />
  </Required>
);

const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const hashes = (docs: UploadedDocument[]) => docs.map((d) => d.sha256);
const headers = () => ({ 'Idempotency-Key': newActionKey() });

/**
 * One write's form in a dialog: the server's refusal above the fields (and under those it names); on success the
 * ledger and the province's list are read again and the dialog closes.
 */
const useLedgerForm = <V, A extends { position?: string | null }>(
  send: (values: V) => Promise<A>,
  success: (answer: A, sent: V) => string,
  onDone: () => void,
) => {
  const afterWrite = useDebtWrite();
  return useSettingsForm(send, success, (answer) => {
    afterWrite(answer);
    onDone();
  });
};

const Dialog = ({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
}) => (
  <Modal open title={title} footer={null} onCancel={onClose} width={640}>
    {children}
  </Modal>
);

interface RecordValues {
  project: string;
  contractor: string;
  amount: number;
  incurredOn: Dayjs;
  basis: string;
  evidence: UploadedDocument[];
}

const RecordForm = ({ communeCode, provinceCode, onDone }: LedgerPlace & { onDone: () => void }) => {
  const { form, refused, forget, save } = useLedgerForm(
    ({ project, contractor, amount, incurredOn, basis, evidence }: RecordValues) =>
      unwrap(
        api.POST('/api/v1/communes/{communeCode}/construction-debts', {
          params: { path: { communeCode } },
          headers: headers(),
          body: {
            provinceCode,
            project: project.trim(),
            contractor: contractor.trim(),
            amount,
            incurredOn: day(incurredOn),
            basis: basis.trim(),
            evidence: hashes(evidence),
          },
        }),
      ),
    (_, sent) => `Đã ghi khoản nợ của công trình ${sent.project.trim()}`,
    onDone,
  );
  return (
    <>
      <Refusal refused={refused} />
      <Form<RecordValues>
        name="ghi-no-moi"
        form={form}
        layout="vertical"
        onValuesChange={forget}
        onFinish={(v) => save.mutate(v)}
      >
        <TextField
          name="project"
          label="Tên công trình"
          message="Nhập tên công trình"
          max={DEBT_LIMITS.text}
        />
        <TextField
          name="contractor"
          label="Đơn vị thi công"
          message="Nhập đơn vị thi công"
          max={DEBT_LIMITS.text}
        />
        <AmountField label="Số tiền còn nợ (đồng)" />
        <DateField name="incurredOn" label="Ngày nghiệm thu (ngày phát sinh nợ)" />
        <TextField
          name="basis"
          label="Căn cứ (biên bản nghiệm thu, quyết toán: số, ngày)"
          message="Nhập căn cứ ghi nợ"
          max={DEBT_LIMITS.basis}
        />
        <DocumentItem name="evidence" label="Minh chứng (biên bản nghiệm thu, quyết toán)" />
        <SendButton type="primary" htmlType="submit" loading={save.isPending}>
          Ghi vào sổ
        </SendButton>
      </Form>
    </>
  );
};

interface PayValues {
  amount: number;
  paidOn: Dayjs;
  basis: string;
  evidence: UploadedDocument[];
}

const PayForm = ({
  communeCode,
  provinceCode,
  entry,
  onDone,
}: LedgerPlace & { entry: DebtEntry; onDone: () => void }) => {
  const { form, refused, forget, save } = useLedgerForm(
    ({ amount, paidOn, basis, evidence }: PayValues) =>
      unwrap(
        api.POST('/api/v1/communes/{communeCode}/construction-debts/{entryId}/payments', {
          params: { path: { communeCode, entryId: entry.entryId } },
          headers: headers(),
          body: {
            provinceCode,
            amount,
            paidOn: day(paidOn),
            basis: basis.trim(),
            evidence: hashes(evidence),
          },
        }),
      ),
    (answer) => {
      const remaining = answer.entries.find((e) => e.entryId === entry.entryId)?.remaining ?? 0;
      return remaining > 0
        ? `Đã ghi trả nợ công trình ${entry.project}; còn nợ ${vnd(remaining)}`
        : `Đã ghi trả nợ: công trình ${entry.project} đã trả hết`;
    },
    onDone,
  );
  return (
    <>
      <p>
        Đơn vị thi công: {entry.contractor}. Còn nợ: <strong>{vnd(entry.remaining)}</strong>.
      </p>
      <Refusal refused={refused} />
      <Form<PayValues>
        name="ghi-tra-no"
        form={form}
        layout="vertical"
        onValuesChange={forget}
        onFinish={(v) => save.mutate(v)}
      >
        <AmountField label="Số tiền trả (đồng)" />
        <DateField name="paidOn" label="Ngày trả" />
        <TextField
          name="basis"
          label="Căn cứ (chứng từ thanh toán: số, ngày)"
          message="Nhập căn cứ trả nợ"
          max={DEBT_LIMITS.basis}
        />
        <DocumentItem name="evidence" label="Minh chứng (ủy nhiệm chi, chứng từ thanh toán)" />
        <SendButton type="primary" htmlType="submit" loading={save.isPending}>
          Ghi trả nợ
        </SendButton>
      </Form>
    </>
  );
};

const CancelForm = ({
  communeCode,
  provinceCode,
  entry,
  onDone,
}: LedgerPlace & { entry: DebtEntry; onDone: () => void }) => {
  const { form, refused, forget, save } = useLedgerForm(
    ({ reason }: { reason: string }) =>
      unwrap(
        api.POST('/api/v1/communes/{communeCode}/construction-debts/{entryId}/cancellation', {
          params: { path: { communeCode, entryId: entry.entryId } },
          headers: headers(),
          body: { provinceCode, reason: reason.trim() },
        }),
      ),
    () => `Đã hủy khoản ghi nhầm: ${entry.project}`,
    onDone,
  );
  return (
    <>
      <p>
        Khoản ghi {vnd(entry.amount)}, phát sinh ngày {formatDate(entry.incurredOn)}, chưa có lần trả nào.
        Khoản đã hủy vẫn được giữ trong sổ, kèm lý do.
      </p>
      <Refusal refused={refused} />
      <Form<{ reason: string }>
        name="huy-khoan-ghi"
        form={form}
        layout="vertical"
        onValuesChange={forget}
        onFinish={(v) => save.mutate(v)}
      >
        <TextField
          name="reason"
          label="Lý do hủy"
          message="Nhập lý do hủy"
          max={DEBT_LIMITS.reason}
          rows={3}
        />
        <SendButton danger type="primary" htmlType="submit" loading={save.isPending}>
          Hủy khoản ghi
        </SendButton>
      </Form>
    </>
  );
};

/** The dialog open on the ledger, if any. */
export const LedgerDialogs = ({
  dialog,
  onClose,
  ...place
}: LedgerPlace & { dialog: LedgerDialog | null; onClose: () => void }) => {
  if (!dialog) return null;
  if (dialog.kind === 'record')
    return (
      <Dialog title="Ghi khoản nợ mới" onClose={onClose}>
        <RecordForm {...place} onDone={onClose} />
      </Dialog>
    );
  // A payment or a cancellation goes to the ledger holding the entry: a commune merged into this one keeps its own.
  const held = { ...place, communeCode: dialog.entry.communeCode };
  if (dialog.kind === 'pay')
    return (
      <Dialog title={`Ghi trả nợ: ${dialog.entry.project}`} onClose={onClose}>
        <PayForm {...held} entry={dialog.entry} onDone={onClose} />
      </Dialog>
    );
  return (
    <Dialog title={`Hủy khoản ghi nhầm: ${dialog.entry.project}`} onClose={onClose}>
      <CancelForm {...held} entry={dialog.entry} onDone={onClose} />
    </Dialog>
  );
};
