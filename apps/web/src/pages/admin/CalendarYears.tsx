import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Card, Space, Table, Tag } from 'antd';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { formatDateTime } from '../../labels';
import JsonFileLoad from '../../components/JsonFileLoad';
import { AdminPage } from './shared';

type Year = components['schemas']['CalendarYearView'];

const originWords: Record<Year['origin'], string> = {
  'built-in': 'Có sẵn trong hệ thống',
  loaded: 'Quản trị đã nạp',
  none: 'Chưa có: chỉ nghỉ thứ Bảy, Chủ nhật',
};

const EXAMPLE = `{
  "year": 2027,
  "provisional": true,
  "source": "Dự kiến, chờ Thủ tướng Chính phủ quyết định",
  "daysOff": [
    { "from": "2027-02-04", "to": "2027-02-12", "name": "Nghỉ Tết Nguyên Đán", "source": "Dự kiến của Bộ Nội vụ" }
  ],
  "workingDays": []
}`;

/** The working-day calendar's years (deadlines and survey windows count on them), and loading a year's file. */
export default function CalendarYears() {
  const queryClient = useQueryClient();
  const years = useQuery({
    queryKey: ['admin', 'calendar-years'],
    queryFn: () => unwrap(api.GET('/api/v1/calendar/years')),
  });
  return (
    <AdminPage title="Lịch nghỉ lễ, Tết">
      <Space direction="vertical" size="large" style={{ width: '100%' }}>
        <Card title={<h2 className="card-title">Các năm của lịch ngày làm việc</h2>}>
          {years.error && <Alert type="error" showIcon role="alert" title={years.error.message} />}
          <Table<Year>
            rowKey="year"
            size="small"
            pagination={false}
            loading={years.isLoading}
            dataSource={years.data ?? []}
            scroll={{ x: true }}
            columns={[
              { title: 'Năm', dataIndex: 'year' },
              {
                title: 'Tình trạng',
                key: 'status',
                render: (_, y) =>
                  y.status === 'announced' ? (
                    <Tag color="green">Đã công bố</Tag>
                  ) : (
                    <Tag color="gold">Dự kiến</Tag>
                  ),
              },
              { title: 'Số đợt nghỉ lễ, Tết', dataIndex: 'daysOff' },
              { title: 'Số ngày làm bù', dataIndex: 'workingDays' },
              { title: 'Nguồn', key: 'origin', render: (_, y) => originWords[y.origin] },
              { title: 'Căn cứ', key: 'source', render: (_, y) => y.source ?? '—' },
              {
                title: 'Lần nạp',
                key: 'loaded',
                render: (_, y) =>
                  y.revision === null ? '—' : `Lần ${y.revision}, lúc ${formatDateTime(y.loadedAt)}`,
              },
            ]}
          />
        </Card>
        <JsonFileLoad
          title="Nạp lịch nghỉ của một năm từ tệp JSON"
          hint={
            <>
              Tệp gồm năm (year), đã công bố hay dự kiến (provisional), căn cứ (source), các đợt nghỉ
              (daysOff: từ ngày, đến ngày, tên, căn cứ) và các ngày làm bù (workingDays: ngày, lý do, căn cứ);
              ngày viết dạng YYYY-MM-DD. Lần nạp sau của cùng năm thay lần trước. Ví dụ:
              <pre style={{ background: '#f5f5f5', padding: 8, overflowX: 'auto', marginBottom: 0 }}>
                {EXAMPLE}
              </pre>
            </>
          }
          send={(text) =>
            unwrap(api.POST('/api/v1/calendar/years', { body: {}, bodySerializer: () => text }))
          }
          describe={(y) =>
            y.loaded
              ? `Đã nạp lịch nghỉ năm ${y.year} (${y.status === 'announced' ? 'đã công bố' : 'dự kiến'}): ${y.daysOff} đợt nghỉ, ${y.workingDays} ngày làm bù.`
              : `Lịch nghỉ năm ${y.year} đã có đúng nội dung này: không ghi gì thêm.`
          }
          onLoaded={() => void queryClient.invalidateQueries({ queryKey: ['admin', 'calendar-years'] })}
        />
      </Space>
    </AdminPage>
  );
}
