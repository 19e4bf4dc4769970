import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge } from 'antd';
import { accessToken, api, unwrap } from './api/client';
import type { InboxItem } from './api/types';

/** A message of the live stream (text/event-stream: the document types it only as text). */
interface StreamMessage {
  unread: number;
  total: number;
  latest: InboxItem | null;
}

export const INBOX_KEY = ['notifications'] as const;
/**
 * The bell's unread count, kept in the query cache (never fetched): the live stream sets it, and so does marking
 * notices read, whose answer carries the new count (the stream would tell only at its next heartbeat).
 */
export const UNREAD_KEY = [...INBOX_KEY, 'unread'] as const;

export const useInbox = (limit = 50, unreadOnly = false) =>
  useQuery({
    queryKey: [...INBOX_KEY, limit, unreadOnly],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/notifications', {
          params: { query: unreadOnly ? { limit, unread: true } : { limit } },
        }),
      ),
    // Switching the filter keeps the list on screen until the other one arrives.
    placeholderData: keepPreviousData,
  });

/**
 * The live stream of the inbox (server-sent events, read with fetch so the bearer token goes in a header, not the
 * address): each message refreshes the inbox queries. Reconnects after a loss, waiting longer each time.
 */
const useInboxStream = (onMessage: (m: StreamMessage) => void) => {
  useEffect(() => {
    let stopped = false;
    let controller: AbortController | null = null;
    let delay = 1000;
    const run = async () => {
      while (!stopped) {
        controller = new AbortController();
        try {
          const res = await fetch('/api/v1/notifications/stream', {
            headers: { authorization: `Bearer ${accessToken() ?? ''}`, accept: 'text/event-stream' },
            signal: controller.signal,
          });
          if (!res.ok || !res.body) throw new Error(`stream ${res.status}`);
          delay = 1000;
          const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
          let buffer = '';
          for (;;) {
            const { done, value } = await reader.read();
            if (done) break;
            buffer += value;
            let end: number;
            while ((end = buffer.indexOf('\n\n')) >= 0) {
              const data = buffer
                .slice(0, end)
                .split('\n')
                .filter((l) => l.startsWith('data:'))
                .map((l) => l.slice(5))
                .join('\n');
              buffer = buffer.slice(end + 2);
              if (data) onMessage(JSON.parse(data) as StreamMessage);
            }
          }
        } catch {
          // Lost (or stopped): try again below unless stopped.
        }
        if (stopped) return;
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 30_000);
      }
    };
    void run();
    return () => {
      stopped = true;
      controller?.abort();
    };
  }, [onMessage]);
};

/** The bell in the header: how many notices are unread, live; announces a new one to screen readers. */
export const NotificationBell = () => {
  const client = useQueryClient();
  const unread =
    useQuery({ queryKey: UNREAD_KEY, queryFn: () => null as number | null, enabled: false }).data ?? null;
  const [announced, setAnnounced] = useState('');
  const [onMessage] = useState(() => (m: StreamMessage) => {
    const before = client.getQueryData<number | null>(UNREAD_KEY);
    if (typeof before === 'number' && m.unread > before && m.latest)
      setAnnounced(`Thông báo mới: ${m.latest.title}`);
    client.setQueryData(UNREAD_KEY, m.unread);
    void client.invalidateQueries({ queryKey: INBOX_KEY });
  });
  useInboxStream(onMessage);
  const label = unread ? `Thông báo, ${unread} chưa đọc` : 'Thông báo';
  return (
    <>
      <Link to="/thong-bao" aria-label={label} title={label} className="bell" data-unread={unread ?? 0}>
        <Badge count={unread ?? 0} size="small" offset={[2, -2]} color="#fadb14" style={{ color: '#262626' }}>
          <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false" fill="#fff">
            <path d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z" />
          </svg>
        </Badge>
      </Link>
      <span className="visually-hidden" role="status" aria-live="polite">
        {announced}
      </span>
    </>
  );
};
