import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, InputNumber, Modal, Radio, Select, Space, Typography } from 'antd';
import { api, ApiError, newActionKey, unwrap } from '../api/client';
import type { BoardItem, Level } from '../api/types';
import { useAuth } from '../auth';
import { BoardTable } from '../components/BoardTable';
import { levelLabels } from '../labels';

const ACTIVE = ['preparing', 'in-review', 'returned'];
const PREREQUISITE: Partial<Record<Level, Level>> = { 'nang-cao': 'ntm', 'kieu-mau': 'nang-cao' };

/** Why a level cannot be opened now, or null when it can (the server checks again). */
const whyNot = (level: Level, items: BoardItem[]): string | null => {
  const mine = items.filter((i) => i.level === level);
  if (mine.some((i) => i.status === 'recognised'))
    return `Xã đã được công nhận đạt chuẩn ${levelLabels[level].toLowerCase()}.`;
  if (mine.some((i) => ACTIVE.includes(i.status)))
    return 'Xã đang có hồ sơ mức này chưa kết thúc: tiếp tục hồ sơ đó.';
  const needed = PREREQUISITE[level];
  if (needed && !items.some((i) => i.level === needed && i.status === 'recognised'))
    return `Cần được công nhận đạt chuẩn ${levelLabels[needed].toLowerCase()} trước.`;
  return null;
};

const OpenDossierDialog = ({
  items,
  open,
  onClose,
}: {
  items: BoardItem[];
  open: boolean;
  onClose: () => void;
}) => {
  const { user } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const levels = (['ntm', 'nang-cao', 'kieu-mau'] as Level[]).map((l) => ({
    level: l,
    reason: whyNot(l, items),
  }));
  const firstOpen = levels.find((l) => !l.reason)?.level;
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: async (v: {
      level: Level;
      procedureVersion: '2021-2025' | '2025-two-tier';
      year: number;
      communeName: string;
    }) =>
      unwrap(
        api.POST('/api/v1/dossiers', {
          headers: { 'Idempotency-Key': newActionKey() },
          body: {
            commune: {
              provinceCode: user!.provinceCode!,
              districtCode: user!.districtCode,
              communeCode: user!.communeCode!,
              name: v.communeName,
            },
            level: v.level,
            procedureVersion: v.procedureVersion,
            year: v.year,
          },
        }),
      ),
    onSuccess: (answer) => {
      void queryClient.invalidateQueries({ queryKey: ['board'] });
      message.success('Đã lập hồ sơ');
      onClose();
      void navigate(`/ho-so/${answer.dossierId}`);
    },
    onError: (e) => setError(e instanceof ApiError ? e.message : 'Không lập được hồ sơ.'),
  });
  return (
    <Modal
      open={open}
      title="Lập hồ sơ đề nghị xét công nhận"
      onCancel={onClose}
      okText="Lập hồ sơ"
      cancelText="Hủy"
      okButtonProps={{ disabled: !firstOpen, loading: mutation.isPending }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          level: firstOpen,
          procedureVersion: '2021-2025',
          year: new Date().getFullYear(),
          communeName: items[0]?.communeName ?? '',
        }}
        onFinish={(v: Parameters<typeof mutation.mutate>[0]) => {
          setError(null);
          mutation.mutate(v);
        }}
      >
        <Form.Item
          name="communeName"
          label="Tên xã"
          rules={[{ required: true, message: 'Nhập tên xã, ví dụ: xã Nông Thượng' }]}
        >
          <Input placeholder="Ví dụ: xã Nông Thượng" />
        </Form.Item>
        <Form.Item
          name="level"
          label="Mức đề nghị xét công nhận"
          rules={[{ required: true, message: 'Chọn mức đề nghị' }]}
        >
          <Radio.Group>
            <Space direction="vertical">
              {levels.map(({ level, reason }) => (
                <Radio key={level} value={level} disabled={!!reason}>
                  {levelLabels[level]}
                  {reason && <Typography.Text type="secondary"> — {reason}</Typography.Text>}
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="procedureVersion" label="Quy trình áp dụng">
          <Select
            options={[
              { value: '2021-2025', label: 'Quyết định 18/2022/QĐ-TTg (có cấp huyện thẩm tra)' },
              { value: '2025-two-tier', label: 'Chính quyền hai cấp (từ 01/7/2025, tỉnh thẩm tra)' },
            ]}
          />
        </Form.Item>
        <Form.Item name="year" label="Năm đề nghị" rules={[{ required: true, message: 'Nhập năm' }]}>
          <InputNumber min={2021} max={2100} style={{ width: 160 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
};

export default function MyDossiers() {
  const [opening, setOpening] = useState(false);
  const board = useQuery({
    queryKey: ['board', 'mine'],
    queryFn: () => unwrap(api.GET('/api/v1/board', { params: { query: { pageSize: 100 } } })),
  });
  const items = board.data?.data.items ?? [];
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 26 }}>
          Hồ sơ của xã
        </Typography.Title>
        <Button type="primary" size="large" onClick={() => setOpening(true)} disabled={board.isLoading}>
          Lập hồ sơ mới
        </Button>
      </Space>
      <BoardTable
        board={board}
        stepTitle="Bước hiện tại"
        extra={[{ title: 'Số lần trả lại', dataIndex: 'returns' }]}
        emptyText="Xã chưa có hồ sơ nào. Bấm “Lập hồ sơ mới” để bắt đầu."
      />
      <OpenDossierDialog items={items} open={opening} onClose={() => setOpening(false)} />
    </>
  );
}
