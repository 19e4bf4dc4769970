import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Space, Table, Tag } from 'antd';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { formatDate, formatDateTime } from '../../labels';
import JsonFileLoad from '../../components/JsonFileLoad';
import { AdminPage, criteriaSetFacts } from './shared';

type Summary = components['schemas']['CriteriaSetSummary'];

/** The criteria sets (latest version of each, built in or loaded), and loading one from a JSON file. */
export default function CriteriaSets() {
  const queryClient = useQueryClient();
  // After a load, the list waits until the read side has seen it.
  const [minPosition, setMinPosition] = useState<string | undefined>();
  const list = useQuery({
    queryKey: ['admin', 'criteria-sets', minPosition],
    queryFn: () =>
      unwrap(api.GET('/api/v1/criteria-sets', { params: { query: minPosition ? { minPosition } : {} } })),
  });
  return (
    <AdminPage title="Bộ tiêu chí">
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card title={<h2 className="card-title">Các bộ tiêu chí đang có (phiên bản mới nhất)</h2>}>
          {list.error && <Alert type="error" showIcon role="alert" title={list.error.message} />}
          <Table<Summary>
            rowKey={(s) => `${s.id}@${s.version}`}
            size="small"
            pagination={false}
            loading={list.isLoading}
            dataSource={list.data ?? []}
            scroll={{ x: true }}
            columns={[
              {
                title: 'Bộ tiêu chí',
                key: 'title',
                render: (_, s) => (
                  <>
                    <Link to={`/quan-tri/bo-tieu-chi/${encodeURIComponent(s.id)}?version=${s.version}`}>
                      {s.title}
                    </Link>
                    <div style={{ color: '#595959' }}>Mã: {s.id}</div>
                  </>
                ),
              },
              { title: 'Phiên bản', dataIndex: 'version' },
              {
                title: 'Căn cứ',
                key: 'source',
                render: (_, s) => `${s.source.decision} ngày ${formatDate(s.source.date)}`,
              },
              { title: 'Phạm vi, mức', key: 'facts', render: (_, s) => criteriaSetFacts(s) },
              { title: 'Số tiêu chí', dataIndex: 'criteria' },
              { title: 'Số chỉ tiêu', dataIndex: 'indicators' },
              {
                title: 'Nguồn',
                key: 'origin',
                render: (_, s) => (
                  <>
                    {s.builtIn ? 'Có sẵn trong hệ thống' : `Nạp lúc ${formatDateTime(s.loadedAt)}`}
                    <div>
                      {s.test && <Tag>Bộ thử nghiệm</Tag>}
                      {s.unverified.length > 0 && <Tag color="gold">Chưa đối chiếu đủ văn bản</Tag>}
                    </div>
                  </>
                ),
              },
            ]}
          />
        </Card>
        <JsonFileLoad
          title="Nạp bộ tiêu chí từ tệp JSON"
          hint={
            <>
              Tệp gồm mã bộ (id), phiên bản (version), tên, giai đoạn, phạm vi, căn cứ (số, ngày quyết định),
              các mức áp dụng và danh sách tiêu chí, chỉ tiêu với ngưỡng theo nhóm xã (xem hướng dẫn trong
              README). Nội dung khác của một phiên bản đã có sẽ bị từ chối: hãy tăng phiên bản.
            </>
          }
          send={(text) => unwrap(api.POST('/api/v1/criteria-sets', { body: {}, bodySerializer: () => text }))}
          describe={(s) =>
            s.loaded
              ? `Đã nạp bộ tiêu chí «${s.title}», phiên bản ${s.version}: ${s.criteria} tiêu chí, ${s.indicators} chỉ tiêu.`
              : `Bộ tiêu chí «${s.title}», phiên bản ${s.version} đã có đúng nội dung này: không ghi gì thêm.`
          }
          onLoaded={(s) => {
            if (s.position) setMinPosition(s.position);
            void queryClient.invalidateQueries({ queryKey: ['admin', 'criteria-sets'] });
          }}
        />
      </Space>
    </AdminPage>
  );
}
