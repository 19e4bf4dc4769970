import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Popconfirm, Space, Table, Tag } from 'antd';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { formatDateTime } from '../../labels';
import { AdminPage, isReplaced, isStopped, useProjections, type ListedCheckpoint } from './shared';

type Checkpoint = components['schemas']['Checkpoint'];

/** Stopped jobs first (they need the administrator), builds no longer run last, by code name within each. */
const rank = (p: ListedCheckpoint): number => (isStopped(p) ? 0 : isReplaced(p) ? 2 : 1);

/**
 * A background job as an administrator names it: the label its definition gives (the server sends it); a row no
 * runner has opened since labels existed has only its code name.
 */
const jobLabel = (p: Checkpoint): string => p.label ?? p.name;

/**
 * The projections and background processes that keep lists, reports and notices up to date: how far each has
 * read, and those parked on an event they could not apply, with the error; the administrator lets one run on once
 * the cause is fixed.
 */
export default function Projections() {
  const queryClient = useQueryClient();
  const projections = useProjections();
  const resume = useMutation({
    mutationFn: (name: string) =>
      unwrap(api.POST('/api/v1/admin/projections/{name}/resume', { params: { path: { name } } })),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: ['admin', 'projections'] }),
  });
  const items = [...(projections.data?.items ?? [])].sort(
    (a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name),
  );
  const parked = items.filter(isStopped).length;
  const inService = items.filter((p) => !isReplaced(p)).length;
  return (
    <AdminPage title="Tình trạng xử lý dữ liệu">
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <p style={{ margin: 0 }}>
          Các tiến trình nền cập nhật danh sách hồ sơ, báo cáo, thông báo từ các sự kiện đã ghi. Tiến trình
          gặp lỗi sẽ dừng ở sự kiện lỗi; sau khi khắc phục nguyên nhân, cho tiến trình chạy tiếp.
        </p>
        {projections.error && <Alert type="error" showIcon role="alert" title={projections.error.message} />}
        {projections.data &&
          (parked > 0 ? (
            <Alert type="error" showIcon role="alert" title={`${parked} tiến trình đang dừng vì lỗi`} />
          ) : (
            <Alert type="success" showIcon title={`Cả ${inService} tiến trình đang chạy bình thường`} />
          ))}
        {resume.isError && <Alert type="error" showIcon role="alert" title={resume.error.message} />}
        {resume.isSuccess && (
          <Alert
            type="success"
            showIcon
            role="status"
            title={`Đã cho tiến trình «${jobLabel(resume.data)}» chạy tiếp.`}
          />
        )}
        <Table<ListedCheckpoint>
          rowKey="name"
          size="small"
          pagination={false}
          loading={projections.isLoading}
          dataSource={items}
          scroll={{ x: true }}
          onRow={(p) => (isStopped(p) ? { style: { background: '#fff1f0' } } : {})}
          columns={[
            {
              title: 'Tiến trình',
              key: 'name',
              // The code name (a read model's `name@version`, a process manager's `pm:...`) stays beside the
              // label: it is what the logs and the metrics say.
              render: (_, p) =>
                p.label ? (
                  <>
                    {p.label}
                    <br />
                    <code style={{ fontSize: 12 }}>{p.name}</code>
                  </>
                ) : (
                  <code>{p.name}</code>
                ),
            },
            {
              title: 'Trạng thái',
              key: 'status',
              // A rebuild leaves the replaced build's row behind: nothing runs it, whatever its last state was.
              render: (_, p) =>
                isReplaced(p) ? (
                  <Tag>Bản cũ, đã được thay thế</Tag>
                ) : (
                  <>
                    {p.status === 'parked' ? (
                      <Tag color="red">Đang dừng vì lỗi</Tag>
                    ) : (
                      <Tag color="green">Đang chạy</Tag>
                    )}
                    {p.build === 'building' && <Tag color="blue">Đang dựng lại</Tag>}
                  </>
                ),
            },
            {
              title: 'Đã xử lý đến sự kiện',
              key: 'position',
              render: (_, p) => p.position || 'Chưa xử lý sự kiện nào',
            },
            {
              title: 'Lỗi',
              key: 'error',
              render: (_, p) =>
                isStopped(p) ? (
                  <>
                    <div>{p.lastError ?? 'Không rõ lỗi'}</div>
                    <div style={{ color: '#595959' }}>
                      Sự kiện lỗi: {p.failedPosition ?? '—'}; đã thử {p.attempts} lần
                    </div>
                  </>
                ) : (
                  '—'
                ),
            },
            { title: 'Cập nhật lúc', key: 'updatedAt', render: (_, p) => formatDateTime(p.updatedAt) },
            {
              title: 'Thao tác',
              key: 'resume',
              render: (_, p) =>
                isStopped(p) && (
                  <Popconfirm
                    title={`Cho tiến trình «${jobLabel(p)}» chạy tiếp?`}
                    description="Chỉ làm khi đã khắc phục nguyên nhân lỗi: tiến trình sẽ xử lý lại sự kiện lỗi."
                    okText="Chạy tiếp"
                    cancelText="Không"
                    onConfirm={() => resume.mutate(p.name)}
                  >
                    <Button loading={resume.isPending && resume.variables === p.name}>Cho chạy tiếp</Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Space>
    </AdminPage>
  );
}
