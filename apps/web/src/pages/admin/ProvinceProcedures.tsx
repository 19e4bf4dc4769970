import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Table } from 'antd';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import type { ProcedureVersion, Role } from '../../api/types';
import { formatDate, formatDateTime, procedureLabels, roleTitle, stepLabels } from '../../labels';
import JsonFileLoad from '../../components/JsonFileLoad';
import { AdminPage } from './shared';

type Loaded = components['schemas']['LoadedProvinceProcedure'];
type TimeLimit = components['schemas']['TimeLimit'];
type VoteRule = components['schemas']['VoteRule'];
type StepOverride = components['schemas']['StepOverride'];

const limitText = (l: TimeLimit | null | undefined): string =>
  l ? `${l.amount} ${l.unit === 'working-days' ? 'ngày làm việc' : 'ngày'}` : 'Không giới hạn';

const percent = (share: number) => `${String(Math.round(share * 1000) / 10).replace('.', ',')}%`;

const voteText = (v: VoteRule): string =>
  `Thông qua khi đạt ${percent(v.threshold)}${v.quorum > 0 ? `, cần ${percent(v.quorum)} thành viên có mặt` : ''}`;

/** One version's procedure as the province decided it: the decision, each step it changes, posting and votes. */
const Procedure = ({ version, loaded }: { version: ProcedureVersion; loaded: Loaded }) => {
  const d = loaded.document;
  // In the procedure's order, as the national steps run.
  const order = Object.keys(stepLabels);
  const steps = (Object.entries(d.steps ?? {}) as [string, StepOverride][]).sort(
    ([a], [b]) => order.indexOf(a) - order.indexOf(b),
  );
  return (
    <Card title={<h2 className="card-title">{procedureLabels[version]}</h2>}>
      <Descriptions bordered size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label="Quyết định của tỉnh">
          Số {d.decision} ngày {formatDate(d.decidedOn)}
        </Descriptions.Item>
        <Descriptions.Item label="Lần nạp">
          Lần {loaded.revision}, lúc {formatDateTime(loaded.loadedAt)}
        </Descriptions.Item>
        {d.communePosting && (
          <Descriptions.Item label="Xã niêm yết công khai">{limitText(d.communePosting)}</Descriptions.Item>
        )}
        {d.appraisalPosting && (
          <Descriptions.Item label="Đăng tải báo cáo thẩm định">
            {limitText(d.appraisalPosting)}
          </Descriptions.Item>
        )}
        {d.communeMeeting && (
          <Descriptions.Item label="Biểu quyết tại cuộc họp của xã">
            {voteText(d.communeMeeting)}
          </Descriptions.Item>
        )}
        {d.appraisalCouncil && (
          <Descriptions.Item label="Biểu quyết của Hội đồng thẩm định">
            {voteText(d.appraisalCouncil)}
          </Descriptions.Item>
        )}
        {d.survey && (
          <Descriptions.Item label="Lấy ý kiến người dân">
            {d.survey.windowWorkingDays !== undefined
              ? `Trong ${d.survey.windowWorkingDays} ngày làm việc`
              : 'Theo quy định chung'}
          </Descriptions.Item>
        )}
        {d.note && <Descriptions.Item label="Ghi chú">{d.note}</Descriptions.Item>}
      </Descriptions>
      <Table<[string, StepOverride]>
        rowKey={([step]) => step}
        size="small"
        pagination={false}
        dataSource={steps}
        locale={{ emptyText: 'Không thay đổi bước nào so với quy trình chung' }}
        columns={[
          { title: 'Bước', key: 'step', render: (_, [step]) => stepLabels[step] ?? step },
          {
            title: 'Thời hạn',
            key: 'limit',
            render: (_, [, o]) => (o.limit === undefined ? 'Như quy trình chung' : limitText(o.limit)),
          },
          {
            title: 'Người thực hiện',
            key: 'actions',
            render: (_, [, o]) => {
              const roles = [...new Set(Object.values(o.actions ?? {}) as Role[])];
              return roles.length ? roles.map(roleTitle).join('; ') : 'Như quy trình chung';
            },
          },
          { title: 'Ghi chú', key: 'note', render: (_, [, o]) => o.note ?? '' },
        ]}
      />
    </Card>
  );
};

/** A province's internal procedures over the national one, and loading one from a JSON file. */
export default function ProvinceProcedures() {
  const queryClient = useQueryClient();
  const [provinceCode, setProvinceCode] = useState<string | null>(null);
  const procedures = useQuery({
    queryKey: ['admin', 'province-procedures', provinceCode],
    enabled: provinceCode !== null,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/province-procedures/{provinceCode}', {
          params: { path: { provinceCode: provinceCode ?? '' } },
        }),
      ),
  });
  const versions = Object.entries(procedures.data?.byVersion ?? {}) as [ProcedureVersion, Loaded][];
  return (
    <AdminPage title="Quy trình của tỉnh">
      {/* Not antd's Space: it keys its items by position, and the procedure shown above would remount the loader. */}
      <div style={{ display: 'flex', flexDirection: 'column', gap: 24 }}>
        <Card title={<h2 className="card-title">Xem quy trình đang áp dụng của một tỉnh</h2>}>
          <Form layout="inline" onFinish={(v: { code: string }) => setProvinceCode(v.code.trim())}>
            <Form.Item
              name="code"
              label="Mã tỉnh"
              rules={[
                { required: true, pattern: /^\s*\d{2}\s*$/, message: 'Nhập mã tỉnh gồm 2 chữ số, ví dụ 06' },
              ]}
            >
              <Input style={{ width: 120 }} />
            </Form.Item>
            <Button type="primary" htmlType="submit">
              Xem
            </Button>
          </Form>
        </Card>
        {procedures.error && <Alert type="error" showIcon role="alert" title={procedures.error.message} />}
        {procedures.data &&
          (versions.length === 0 ? (
            <Alert
              type="info"
              showIcon
              title={`Tỉnh mã ${procedures.data.provinceCode} chưa nạp quy trình riêng: hồ sơ theo quy trình chung.`}
            />
          ) : (
            <>
              <h2 style={{ fontSize: 20, margin: 0 }}>
                Quy trình của tỉnh mã {procedures.data.provinceCode}
              </h2>
              {versions.map(([version, loaded]) => (
                <Procedure key={version} version={version} loaded={loaded} />
              ))}
            </>
          ))}
        <JsonFileLoad
          title="Nạp quy trình của tỉnh từ tệp JSON"
          hint={
            <>
              Tệp gồm mã tỉnh (provinceCode), giai đoạn áp dụng (version), số và ngày quyết định của tỉnh
              (decision, decidedOn), thời hạn và người thực hiện từng bước (steps), thời gian niêm yết, biểu
              quyết (xem hướng dẫn trong README). Hồ sơ mở sau khi nạp theo quy trình mới.
            </>
          }
          send={(text) =>
            unwrap(api.POST('/api/v1/province-procedures', { body: {}, bodySerializer: () => text }))
          }
          describe={(p) =>
            p.loaded
              ? `Đã nạp quy trình của tỉnh mã ${p.provinceCode} (lần nạp thứ ${p.revisions}).`
              : `Quy trình của tỉnh mã ${p.provinceCode} đã có đúng nội dung này: không ghi gì thêm.`
          }
          onLoaded={(p) => {
            setProvinceCode(p.provinceCode);
            void queryClient.invalidateQueries({ queryKey: ['admin', 'province-procedures'] });
          }}
        />
      </div>
    </AdminPage>
  );
}
