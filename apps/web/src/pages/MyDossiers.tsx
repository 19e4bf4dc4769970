import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Space,
  Spin,
  Typography,
} from 'antd';
import { api, ApiError, newActionKey, unwrap } from '../api/client';
import type { BoardItem, Level, OpeningOption, ProcedureVersion } from '../api/types';
import { useAuth } from '../auth';
import { BoardTable } from '../components/BoardTable';
import { ExcelButton } from '../components/Download';
import { DossierFilterBar, queryOf, withQuery, type DossierFilters } from '../components/ListFilters';
import { levelLabels, procedureLabels } from '../labels';

/** The options of one procedure: its levels, each offered or explained. */
const ofProcedure = (options: OpeningOption[], version: ProcedureVersion | undefined) =>
  options.filter((o) => o.procedureVersion === version);

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
  const knownName = items[0]?.communeName;
  // What the commune may open is the server's answer (its record, group, criteria sets, open dossiers).
  const openable = useQuery({
    queryKey: ['openable', user?.communeCode],
    enabled: open && !!user?.communeCode && !!user.provinceCode,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/communes/{communeCode}/openable', {
          params: {
            path: { communeCode: user!.communeCode! },
            query: {
              provinceCode: user!.provinceCode!,
              ...(user!.districtCode ? { districtCode: user!.districtCode } : {}),
              ...(knownName ? { name: knownName } : {}),
            },
          },
        }),
      ),
  });
  const options = openable.data?.options ?? [];
  const first = options.find((o) => !o.problem);
  const version = Form.useWatch<ProcedureVersion | undefined>('procedureVersion', form);
  const level = Form.useWatch<Level | undefined>('level', form);
  const chosen = options.find((o) => o.procedureVersion === version && o.level === level && !o.problem);
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: async (v: {
      level: Level;
      procedureVersion: ProcedureVersion;
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
      void queryClient.invalidateQueries({ queryKey: ['openable'] });
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
      okButtonProps={{ disabled: !chosen, loading: mutation.isPending }}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      {openable.isError && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          title={
            openable.error instanceof ApiError
              ? openable.error.message
              : 'Không tải được các mức xã được lập hồ sơ.'
          }
        />
      )}
      {openable.isLoading ? (
        <Spin tip="Đang kiểm tra các mức xã được lập hồ sơ…">
          <div style={{ minHeight: 120 }} />
        </Spin>
      ) : (
        openable.isSuccess && (
          <Form
            form={form}
            layout="vertical"
            initialValues={{
              level: first?.level,
              procedureVersion: first?.procedureVersion ?? options[0]?.procedureVersion,
              year: new Date().getFullYear(),
              communeName: knownName ?? openable.data.communeName,
            }}
            onValuesChange={(changed: { procedureVersion?: ProcedureVersion }) => {
              // Another procedure: its first level that may be opened, or none.
              if (changed.procedureVersion)
                form.setFieldValue(
                  'level',
                  ofProcedure(options, changed.procedureVersion).find((o) => !o.problem)?.level,
                );
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
            <Form.Item name="procedureVersion" label="Giai đoạn và quy trình áp dụng">
              <Select
                options={[...new Set(options.map((o) => o.procedureVersion))].map((v) => ({
                  value: v,
                  label: procedureLabels[v],
                }))}
              />
            </Form.Item>
            <Form.Item
              name="level"
              label="Mức đề nghị xét công nhận"
              rules={[{ required: true, message: 'Chọn mức đề nghị; mức không lập được có nêu lý do' }]}
              extra={
                chosen?.criteriaSet &&
                `Bộ tiêu chí áp dụng: ${chosen.criteriaSet.title}${chosen.criteriaSet.test ? ' (bộ thử nghiệm)' : ''}`
              }
            >
              <Radio.Group>
                <Space direction="vertical">
                  {ofProcedure(options, version).map((o) => (
                    <Radio key={o.level} value={o.level} disabled={!!o.problem}>
                      {levelLabels[o.level]}
                      {o.problem && (
                        <Typography.Text type="secondary"> — {o.problem.message}.</Typography.Text>
                      )}
                    </Radio>
                  ))}
                </Space>
              </Radio.Group>
            </Form.Item>
            <Form.Item name="year" label="Năm đề nghị" rules={[{ required: true, message: 'Nhập năm' }]}>
              <InputNumber min={2021} max={2100} style={{ width: 160 }} />
            </Form.Item>
          </Form>
        )
      )}
    </Modal>
  );
};

export default function MyDossiers() {
  const [opening, setOpening] = useState(false);
  const [filters, setFilters] = useState<DossierFilters>({});
  const query = queryOf(filters);
  const board = useQuery({
    queryKey: ['board', 'mine', query],
    queryFn: () => unwrap(api.GET('/api/v1/board', { params: { query: { ...query, pageSize: 100 } } })),
  });
  const items = board.data?.data.items ?? [];
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={1} style={{ margin: 0, fontSize: 26 }}>
          Hồ sơ của xã
        </Typography.Title>
        <Space wrap>
          <ExcelButton url={withQuery('/api/v1/board.xlsx', query)} fileName="ho-so-cua-xa.xlsx" />
          <Button type="primary" size="large" onClick={() => setOpening(true)} disabled={board.isLoading}>
            Lập hồ sơ mới
          </Button>
        </Space>
      </Space>
      <DossierFilterBar value={filters} onChange={setFilters} />
      <BoardTable
        board={board}
        stepTitle="Bước hiện tại"
        extra={[{ title: 'Số lần trả lại', dataIndex: 'returns' }]}
        emptyText={
          Object.keys(query).length > 0
            ? 'Không có hồ sơ nào phù hợp với bộ lọc.'
            : 'Xã chưa có hồ sơ nào. Bấm “Lập hồ sơ mới” để bắt đầu.'
        }
      />
      <OpenDossierDialog items={items} open={opening} onClose={() => setOpening(false)} />
    </>
  );
}
