import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Space, Spin, Table, Tag } from 'antd';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import type { CriteriaSetDocument, IndicatorDocument } from '../../api/types';
import { formatDate, formatDateTime } from '../../labels';
import { AdminPage, criteriaSetFacts } from './shared';

type Criterion = components['schemas']['CriterionDocument'];

const comparisonWords: Record<IndicatorDocument['comparison'], string> = {
  '>=': 'từ',
  '<=': 'không quá',
  '=': 'bằng',
  boolean: '',
};

/** An indicator's requirement for each group, as the decision states it ("Nhóm 1: từ 50 %"). */
const requirement = (i: IndicatorDocument, groups: CriteriaSetDocument['groups']): string =>
  Object.entries(i.thresholds as Record<string, number | boolean | null>)
    .map(([code, value]) => {
      const group = code === 'chung' ? 'Chung' : (groups.find((g) => g.code === code)?.name ?? code);
      const figure =
        value === null
          ? 'chưa có số liệu chính thức'
          : i.comparison === 'boolean'
            ? value
              ? 'phải đạt'
              : 'không bắt buộc'
            : `${comparisonWords[i.comparison]} ${String(value).replace('.', ',')}${i.unit ? ` ${i.unit}` : ''}`;
      return `${group}: ${figure}`;
    })
    .join('; ');

/** One criteria set in full (?version= for an earlier one): its source, groups, criteria and indicators. */
export default function CriteriaSetPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const version = params.get('version') ?? '1';
  const set = useQuery({
    queryKey: ['admin', 'criteria-set', id, version],
    queryFn: () =>
      unwrap(api.GET('/api/v1/criteria-sets/{id}', { params: { path: { id }, query: { version } } })),
  });
  const s = set.data;
  const doc = s?.document;
  return (
    <AdminPage title={s ? s.title : 'Bộ tiêu chí'}>
      <p>
        <Link to="/quan-tri/bo-tieu-chi">← Các bộ tiêu chí</Link>
      </p>
      {set.isLoading && <Spin aria-label="Đang tải" />}
      {set.error && <Alert type="error" showIcon role="alert" title={set.error.message} />}
      {s && doc && (
        <Space direction="vertical" size="large" style={{ width: '100%' }}>
          <Descriptions bordered size="small" column={1}>
            <Descriptions.Item label="Mã bộ tiêu chí">{s.id}</Descriptions.Item>
            <Descriptions.Item label="Phiên bản">
              {s.version}
              {s.version > 1 && (
                <span style={{ marginLeft: 16 }}>
                  Phiên bản trước:{' '}
                  {Array.from({ length: s.version - 1 }, (_, i) => i + 1).map((v) => (
                    <Link key={v} to={`?version=${v}`} style={{ marginRight: 8 }}>
                      {v}
                    </Link>
                  ))}
                </span>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="Căn cứ">
              Quyết định số {s.source.decision} ngày {formatDate(s.source.date)}
              {s.source.effectiveFrom && `, có hiệu lực từ ${formatDate(s.source.effectiveFrom)}`}
            </Descriptions.Item>
            <Descriptions.Item label="Áp dụng">{criteriaSetFacts(s)}</Descriptions.Item>
            <Descriptions.Item label="Cách đánh giá">
              {s.assessment === 'indicators'
                ? 'Xã báo cáo giá trị từng chỉ tiêu; hệ thống so với ngưỡng của nhóm xã'
                : 'Xã tự đánh giá đạt hay chưa đạt từng tiêu chí'}
            </Descriptions.Item>
            {doc.groups.length > 0 && (
              <Descriptions.Item label={doc.assessment === 'criteria' ? 'Vùng' : 'Nhóm xã'}>
                {doc.groups.map((g) => g.name + (g.description ? ` (${g.description})` : '')).join('; ')}
              </Descriptions.Item>
            )}
            <Descriptions.Item label="Nguồn">
              {s.builtIn ? 'Có sẵn trong hệ thống' : `Nạp lúc ${formatDateTime(s.loadedAt)}`}
              {s.test && <Tag style={{ marginLeft: 8 }}>Bộ thử nghiệm</Tag>}
            </Descriptions.Item>
          </Descriptions>
          {s.unverified.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title="Nội dung chưa đối chiếu với văn bản chính thức"
              description={
                <ul style={{ margin: 0, paddingLeft: 18 }}>
                  {s.unverified.map((u) => (
                    <li key={u}>{u}</li>
                  ))}
                </ul>
              }
            />
          )}
          <Card title={<h2 className="card-title">Tiêu chí và chỉ tiêu ({doc.criteria.length} tiêu chí)</h2>}>
            <Table<Criterion>
              rowKey="number"
              size="small"
              pagination={false}
              dataSource={doc.criteria}
              columns={[
                { title: 'Số', dataIndex: 'number', width: 60 },
                {
                  title: 'Tiêu chí',
                  key: 'name',
                  render: (_, c) => (
                    <>
                      <div>{c.name}</div>
                      {c.key && <Tag color="blue">Tiêu chí then chốt</Tag>}
                    </>
                  ),
                },
                {
                  title: 'Chỉ tiêu và yêu cầu',
                  key: 'indicators',
                  render: (_, c) =>
                    c.indicators.length === 0 ? (
                      doc.assessment === 'criteria' ? (
                        'Đánh giá đạt hay chưa đạt cả tiêu chí'
                      ) : (
                        'Chưa có chỉ tiêu: chưa nạp văn bản chính thức'
                      )
                    ) : (
                      <ul style={{ margin: 0, paddingLeft: 18 }}>
                        {c.indicators.map((i) => (
                          <li key={i.code}>
                            <strong>{i.code}</strong> {i.name}. {requirement(i, doc.groups)}
                          </li>
                        ))}
                      </ul>
                    ),
                },
              ]}
            />
          </Card>
        </Space>
      )}
    </AdminPage>
  );
}
