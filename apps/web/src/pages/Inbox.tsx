import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, List, Space, Switch, Tag, Typography } from 'antd';
import { api, unwrap } from '../api/client';
import { formatDate, formatDateTime } from '../labels';
import type { InboxItem } from '../api/types';
import { INBOX_KEY, UNREAD_KEY, useInbox } from '../notifications';
import { ExcelButton } from '../components/Download';

/** The inbox shows the newest notices up to this many; its Excel file holds the same. */
const SHOWN = 100;

const KINDS: Record<InboxItem['kind'], { label: string; color: string }> = {
  'step-opened': { label: 'Việc mới', color: 'blue' },
  'deadline-near': { label: 'Sắp đến hạn', color: 'gold' },
  returned: { label: 'Trả lại', color: 'volcano' },
  overdue: { label: 'Quá hạn', color: 'red' },
  decided: { label: 'Quyết định', color: 'green' },
  'review-warning': { label: 'Cảnh báo rà soát', color: 'orange' },
};

/** The inbox: what happened to my dossiers and what now waits for me, newest first; live through the bell's stream. */
export default function Inbox() {
  const [unreadOnly, setUnreadOnly] = useState(false);
  const inbox = useInbox(SHOWN, unreadOnly);
  const client = useQueryClient();
  const mark = useMutation({
    mutationFn: (body: { ids?: string[]; all?: true }) =>
      unwrap(api.POST('/api/v1/notifications/read', { body })),
    onSuccess: ({ unread }) => {
      client.setQueryData(UNREAD_KEY, unread);
      return client.invalidateQueries({ queryKey: INBOX_KEY });
    },
  });
  const unread = inbox.data?.unread ?? 0;
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Typography.Title level={1} style={{ fontSize: 26, marginTop: 0 }}>
          Thông báo
        </Typography.Title>
        <Space wrap>
          <label style={{ display: 'inline-flex', alignItems: 'center', gap: 8 }}>
            <Switch checked={unreadOnly} onChange={setUnreadOnly} />
            Chỉ thông báo chưa đọc
          </label>
          <ExcelButton
            url={`/api/v1/notifications.xlsx?limit=${SHOWN}${unreadOnly ? '&unread=true' : ''}`}
            fileName="thong-bao.xlsx"
          />
          <Button onClick={() => mark.mutate({ all: true })} disabled={unread === 0} loading={mark.isPending}>
            Đánh dấu đã đọc tất cả
          </Button>
        </Space>
      </Space>
      <Typography.Paragraph>
        {inbox.data ? `${unread} thông báo chưa đọc trong ${inbox.data.total} thông báo.` : ' '}
      </Typography.Paragraph>
      {(inbox.error || mark.error) && (
        <Alert type="error" showIcon title={((inbox.error ?? mark.error) as Error).message} />
      )}
      <List<InboxItem>
        loading={inbox.isLoading}
        dataSource={inbox.data?.items ?? []}
        locale={{
          emptyText: (
            <span style={{ color: '#262626' }}>
              {unreadOnly ? 'Không có thông báo chưa đọc.' : 'Chưa có thông báo nào.'}
            </span>
          ),
        }}
        renderItem={(n) => (
          <List.Item
            className={n.read ? undefined : 'inbox-unread'}
            actions={[
              <Link key="open" to={`/ho-so/${n.dossierId}`} aria-label={`Mở hồ sơ: ${n.title}`}>
                Mở hồ sơ
              </Link>,
              ...(n.read
                ? []
                : [
                    <Button
                      key="read"
                      type="link"
                      onClick={() => mark.mutate({ ids: [n.id] })}
                      aria-label={`Đánh dấu đã đọc: ${n.title}`}
                    >
                      Đánh dấu đã đọc
                    </Button>,
                  ]),
            ]}
          >
            <List.Item.Meta
              title={
                <Space wrap>
                  <Tag color={KINDS[n.kind].color}>{KINDS[n.kind].label}</Tag>
                  <span style={{ fontWeight: n.read ? 400 : 600 }}>{n.title}</span>
                  {!n.read && <span className="visually-hidden">(chưa đọc)</span>}
                </Space>
              }
              description={
                <>
                  <div style={{ color: '#262626' }}>{n.body}</div>
                  <div style={{ color: '#595959' }}>
                    {formatDateTime(n.createdAt)}
                    {n.dueAt ? ` · hạn ${formatDate(n.dueAt)}` : ''}
                  </div>
                </>
              }
            />
          </List.Item>
        )}
      />
    </>
  );
}
