import { useQuery } from '@tanstack/react-query';
import { Alert, Table } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { stackOnPhone } from '../../components/stack-on-phone';
import { formatDate, levelLabels } from '../../labels';
import { Ledger, money } from '../construction-debt/Ledger';
import { readAfterWrite } from '../construction-debt/shared';
import { PageTitle, useCommunes } from '../emulation/shared';
import { SettingsNav, useProvinceSettings } from './shared';

type DebtLine = components['schemas']['CommuneDebtLine'];

const LIST = '/tinh/no-dong-xdcb';

/** The province's communes with a ledger, most owed first (a read model: asked at this user's last write). */
const useProvinceDebts = (provinceCode: string) =>
  useQuery({
    queryKey: ['construction-debts', 'province', provinceCode],
    enabled: provinceCode !== '',
    queryFn: async () =>
      (
        await unwrap(
          api.GET('/api/v1/provinces/{provinceCode}/construction-debts', {
            params: { path: { provinceCode }, query: readAfterWrite() },
          }),
        )
      ).communes,
  });

/**
 * "Nợ đọng xây dựng cơ bản" across the province: each commune that keeps a ledger, what it still owes and since
 * when; a commune still owing cannot submit a recognition dossier. Each opens on the commune's ledger.
 */
export default function ConstructionDebts() {
  const { provinceCode } = useProvinceSettings();
  const { units, communes } = useCommunes(provinceCode);
  const debts = useProvinceDebts(provinceCode);
  const name = (d: DebtLine) =>
    communes.find((c) => c.code === d.communeCode)?.name ?? d.communeName ?? `xã mã ${d.communeCode}`;
  return (
    <>
      <PageTitle>Nợ đọng xây dựng cơ bản của các xã</PageTitle>
      <SettingsNav />
      <p>
        Các xã đã ghi sổ theo dõi nợ đọng xây dựng cơ bản, xã còn nợ nhiều nhất ở đầu danh sách. Xã còn nợ
        đọng chưa được nộp hồ sơ đề nghị xét công nhận (Điều kiện 3, Quyết định 18/2022/QĐ-TTg); với xã đã đạt
        chuẩn, cột &ldquo;Nợ phát sinh sau công nhận&rdquo; cho biết số còn nợ của các công trình nghiệm thu
        từ ngày quyết định công nhận.
      </p>
      {units.error && <Alert type="error" showIcon role="alert" title={units.error.message} />}
      {debts.error && <Alert type="error" showIcon role="alert" title={debts.error.message} />}
      <Table<DebtLine>
        size="small"
        rowKey="communeCode"
        loading={units.isLoading || debts.isLoading}
        dataSource={debts.data ?? []}
        pagination={false}
        locale={{ emptyText: debts.isLoading ? 'Đang tải…' : 'Chưa xã nào ghi sổ nợ đọng xây dựng cơ bản.' }}
        {...stackOnPhone<DebtLine>([
          {
            title: 'Xã',
            key: 'name',
            render: (_, d) => (
              <Link to={`${LIST}/${d.communeCode}`} style={{ textDecoration: 'underline' }}>
                {name(d)} (mã {d.communeCode})
              </Link>
            ),
          },
          {
            title: 'Còn nợ',
            key: 'outstanding',
            align: 'right',
            render: (_, d) => (d.outstanding > 0 ? money(d.outstanding) : 'Không còn nợ'),
          },
          {
            title: 'Đạt chuẩn',
            key: 'recognition',
            render: (_, d) =>
              d.recognition
                ? `${levelLabels[d.recognition.level]} (${formatDate(d.recognition.decidedOn)})`
                : 'Chưa đạt chuẩn',
          },
          {
            title: 'Nợ phát sinh sau công nhận',
            key: 'sinceRecognition',
            align: 'right',
            render: (_, d) => (d.recognition ? money(d.owedSinceRecognition) : '—'),
          },
          { title: 'Số công trình chưa trả', dataIndex: 'unpaidWorks', align: 'right' },
          { title: 'Khoản nợ cũ nhất', key: 'oldest', render: (_, d) => formatDate(d.oldestUnpaidOn) },
          { title: 'Tổng đã ghi', key: 'recorded', align: 'right', render: (_, d) => money(d.recorded) },
          { title: 'Đã trả', key: 'paid', align: 'right', render: (_, d) => money(d.paid) },
        ])}
      />
    </>
  );
}

/** One commune's ledger as the province opens it from the list. */
export const CommuneDebts = () => {
  const { communeCode = '' } = useParams();
  const { provinceCode } = useProvinceSettings();
  const { communes } = useCommunes(provinceCode);
  const name = communes.find((c) => c.code === communeCode)?.name ?? `xã mã ${communeCode}`;
  return (
    <Ledger
      communeCode={communeCode}
      provinceCode={provinceCode}
      title={`Nợ đọng xây dựng cơ bản — ${name}`}
      nav={
        <p>
          <Link to={LIST} style={{ textDecoration: 'underline' }}>
            Về danh sách các xã có nợ đọng xây dựng cơ bản
          </Link>
        </p>
      }
    />
  );
};
