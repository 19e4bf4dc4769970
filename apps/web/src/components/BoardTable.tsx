import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { Alert, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api, unwrap } from '../api/client';
import type { BoardItem, BoardReport } from '../api/types';
import { queryOf, type DossierFilters } from './ListFilters';
import { formatDate, statusColor } from '../labels';
import { stackOnPhone } from './stack-on-phone';

/** What waits for the signed-in user (their role's current steps), as the filters narrow it, read every 30 s. */
export const useWaitingBoard = () => {
  const [filters, setFilters] = useState<DossierFilters>({});
  const query = queryOf(filters);
  const waiting = useQuery({
    queryKey: ['board', 'waiting', query],
    queryFn: () =>
      unwrap(api.GET('/api/v1/board/waiting', { params: { query: { ...query, pageSize: 100 } } })),
    refetchInterval: 30_000,
  });
  return { filters, setFilters, query, waiting };
};

/**
 * Dossiers of the board, one a row: code, name (opens the dossier), status, step and due date (overdue marked),
 * then the columns the screen adds. On a phone each dossier is a block of its cells, each under its column's name.
 */
export const BoardTable = ({
  board,
  stepTitle,
  extra,
  emptyText,
}: {
  board: UseQueryResult<BoardReport>;
  /** What the step column means on this screen. */
  stepTitle: string;
  extra: ColumnsType<BoardItem>;
  emptyText: ReactNode;
}) => (
  <>
    {board.error && <Alert type="error" showIcon title={board.error.message} />}
    <Table<BoardItem>
      rowKey="dossierId"
      loading={board.isLoading}
      dataSource={board.data?.data.items ?? []}
      pagination={false}
      locale={{ emptyText }}
      {...stackOnPhone([
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
        {
          title: 'Tình trạng',
          key: 'status',
          render: (_, r) => <Tag color={statusColor(r.status)}>{r.statusLabel}</Tag>,
        },
        { title: stepTitle, dataIndex: 'stepLabel', render: (v: string | null) => v ?? '—' },
        {
          title: 'Hạn xử lý',
          key: 'due',
          render: (_, r) =>
            r.dueAt ? (
              <span>
                {formatDate(r.dueAt)} {r.overdue && <Tag color="red">Quá hạn</Tag>}
              </span>
            ) : r.step ? (
              'Không quy định'
            ) : (
              '—'
            ),
        },
        ...extra,
      ])}
    />
  </>
);
