import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Table, Tag, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import type { BoardAnswer, BoardItem } from '../api/types';
import { formatDate } from '../labels';
import { statusColor } from './MyDossiers';

/** What waits for me: dossiers whose current step my role acts on, overdue and nearest deadlines first. */
export default function Waiting() {
  const waiting = useQuery({
    queryKey: ['board', 'waiting'],
    queryFn: () =>
      unwrap<BoardAnswer>(api.GET('/api/v1/board/waiting', { params: { query: { pageSize: 100 } } })),
    refetchInterval: 30_000,
  });
  return (
    <>
      <Typography.Title level={1} style={{ fontSize: 26, marginTop: 0 }}>
        Việc chờ tôi
      </Typography.Title>
      {waiting.error && <Alert type="error" showIcon title={waiting.error.message} />}
      <Table<BoardItem>
        rowKey="dossierId"
        loading={waiting.isLoading}
        dataSource={waiting.data?.data.items ?? []}
        pagination={false}
        locale={{
          emptyText: <span style={{ color: '#262626' }}>{'Không có hồ sơ nào đang chờ anh/chị xử lý.'}</span>,
        }}
        columns={[
          { title: 'Mã hồ sơ', dataIndex: 'code', render: (v: string | null) => v ?? '—' },
          {
            title: 'Hồ sơ',
            key: 'name',
            render: (_, r) => (
              <Link to={`/ho-so/${r.dossierId}`}>
                {r.communeName} — {r.levelLabel} năm {r.year}
              </Link>
            ),
          },
          { title: 'Việc cần làm', dataIndex: 'stepLabel', render: (v: string | null) => v ?? '—' },
          {
            title: 'Tình trạng',
            key: 'status',
            render: (_, r) => <Tag color={statusColor(r.status)}>{r.statusLabel}</Tag>,
          },
          { title: 'Số ngày ở bước này', dataIndex: 'daysInStep', render: (v: number | null) => v ?? '—' },
          {
            title: 'Hạn xử lý',
            key: 'due',
            render: (_, r) =>
              r.dueAt ? (
                <span>
                  {formatDate(r.dueAt)} {r.overdue && <Tag color="red">Quá hạn</Tag>}
                </span>
              ) : (
                'Không quy định'
              ),
          },
        ]}
      />
    </>
  );
}
