import { Space, Typography } from 'antd';
import { BoardTable, useWaitingBoard } from '../components/BoardTable';
import { ExcelButton } from '../components/Download';
import { DossierFilterBar, withQuery } from '../components/ListFilters';

/** What waits for me: dossiers whose current step my role acts on, overdue and nearest deadlines first. */
export default function Waiting() {
  const { filters, setFilters, query, waiting } = useWaitingBoard();
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={1} style={{ fontSize: 26, margin: 0 }}>
          Việc chờ tôi
        </Typography.Title>
        <ExcelButton url={withQuery('/api/v1/board/waiting.xlsx', query)} fileName="viec-cho-toi.xlsx" />
      </Space>
      <DossierFilterBar value={filters} onChange={setFilters} fields={['step', 'commune', 'period']} />
      <BoardTable
        board={waiting}
        stepTitle="Việc cần làm"
        extra={[
          { title: 'Số ngày ở bước này', dataIndex: 'daysInStep', render: (v: number | null) => v ?? '—' },
        ]}
        emptyText={
          Object.keys(query).length > 0
            ? 'Không có hồ sơ nào phù hợp với bộ lọc.'
            : 'Không có hồ sơ nào đang chờ anh/chị xử lý.'
        }
      />
    </>
  );
}
