import { Link } from 'react-router-dom';
import { Alert, Space, Table, Typography } from 'antd';
import type { BoardItem } from '../api/types';
import { useWaitingBoard } from '../components/BoardTable';
import { ExcelButton } from '../components/Download';
import { DossierFilterBar, withQuery } from '../components/ListFilters';
import { stackOnPhone } from '../components/stack-on-phone';

/** The Front's list: the commune's dossiers whose current step takes the residents' survey result. */
export default function Surveys() {
  const { filters, setFilters, query, waiting } = useWaitingBoard();
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={1} style={{ fontSize: 26, margin: 0 }}>
          Lấy ý kiến sự hài lòng của người dân
        </Typography.Title>
        <ExcelButton
          url={withQuery('/api/v1/board/waiting.xlsx', query)}
          fileName="ho-so-cho-lay-y-kien.xlsx"
        />
      </Space>
      <Typography.Paragraph>
        Hồ sơ của xã đang chờ Ban Thường trực Ủy ban MTTQ xã lấy ý kiến các hộ gia đình: mở đợt lấy ý kiến,
        nhập danh sách hộ, theo dõi số hộ tham gia, kết thúc và gửi kết quả vào hồ sơ.
      </Typography.Paragraph>
      <DossierFilterBar value={filters} onChange={setFilters} fields={['commune', 'period']} />
      {waiting.error && <Alert type="error" showIcon title={waiting.error.message} />}
      <Table<BoardItem>
        rowKey="dossierId"
        loading={waiting.isLoading}
        dataSource={waiting.data?.data.items ?? []}
        pagination={false}
        locale={{
          emptyText: (
            <span style={{ color: '#262626' }}>Không có hồ sơ nào đang chờ lấy ý kiến người dân.</span>
          ),
        }}
        {...stackOnPhone<BoardItem>([
          { title: 'Mã hồ sơ', dataIndex: 'code', render: (v: string | null) => v ?? '—' },
          {
            title: 'Hồ sơ',
            key: 'name',
            render: (_, r) => (
              <Link to={`/ho-so/${r.dossierId}/khao-sat`}>
                Lấy ý kiến: {r.communeName} — {r.levelLabel} năm {r.year}
              </Link>
            ),
          },
          { title: 'Bước hiện tại', dataIndex: 'stepLabel', render: (v: string | null) => v ?? '—' },
        ])}
      />
    </>
  );
}
