import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Space, Table } from 'antd';
import { api, unwrap } from '../../api/client';
import { formatDate } from '../../labels';
import type { DecisionSummary as Decision } from '../../api/types';
import { DownloadLink, ExcelButton } from '../../components/Download';
import { stackOnPhone } from '../../components/stack-on-phone';
import { PageTitle, readAfterWrite, useProvince, YearFilter } from './shared';

/** The province's commendation decisions, latest first, of one year or all; each one's PDF. */
export default function Decisions() {
  const { provinceCode } = useProvince();
  const [year, setYear] = useState<number | null>(null);
  const decisions = useQuery({
    queryKey: ['emulation', provinceCode, 'decisions', year],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/emulation/provinces/{provinceCode}/decisions', {
          params: { path: { provinceCode }, query: { ...(year ? { year } : {}), ...readAfterWrite() } },
        }),
      ) as Promise<Decision[]>,
  });
  const query = year ? `?year=${year}&format=xlsx` : '?format=xlsx';
  return (
    <>
      <Link to="/thi-dua">← Thi đua, khen thưởng</Link>
      <PageTitle>Quyết định khen thưởng</PageTitle>
      {decisions.error && <Alert type="error" showIcon title={decisions.error.message} />}
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <YearFilter id="decision-year" label="Năm ký" value={year} onChange={setYear} />
          <ExcelButton
            url={`/api/v1/emulation/provinces/${provinceCode}/decisions${query}`}
            fileName="quyet-dinh-khen-thuong.xlsx"
          />
        </Space>
        <Table<Decision>
          rowKey="decisionId"
          pagination={false}
          loading={decisions.isLoading}
          dataSource={decisions.data ?? []}
          locale={{
            emptyText: (
              <span style={{ color: '#262626' }}>
                {year ? `Năm ${year} chưa có quyết định khen thưởng.` : 'Chưa có quyết định khen thưởng.'}
              </span>
            ),
          }}
          {...stackOnPhone<Decision>([
            {
              title: 'Số quyết định',
              key: 'number',
              render: (_, d) => (
                <DownloadLink
                  url={`/api/v1/emulation/provinces/${provinceCode}/decisions/${d.decisionId}/pdf`}
                  fileName="quyet-dinh-khen-thuong.pdf"
                >
                  {d.number} (PDF)
                </DownloadLink>
              ),
            },
            { title: 'Ngày ký', key: 'decidedOn', render: (_, d) => formatDate(d.decidedOn) },
            { title: 'Hình thức', key: 'type', render: (_, d) => d.awardType.name },
            { title: 'Người ký', key: 'signer', render: (_, d) => d.signer.name ?? d.awardType.authority },
            { title: 'Được khen', key: 'recipients', render: (_, d) => d.recipients.join(', ') },
          ])}
        />
      </Card>
    </>
  );
}
