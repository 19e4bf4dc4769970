import type { EntityManager } from 'typeorm';
import type { NoticeKind, NotificationRow } from '../projectors/notifications';
import { Conditions, iso, rowsOf, scopeConditions, type Scope } from './sql';

/** Whose inbox: a role in an area (the caller's own codes), and the user whose read marks count. */
export interface Inbox extends Scope {
  readonly role: string;
  readonly userId: string;
}

export interface InboxTables {
  readonly notifications: string;
  readonly reads: string;
}

export interface InboxItem {
  readonly id: string;
  readonly dossierId: string;
  readonly kind: NoticeKind;
  readonly title: string;
  readonly body: string;
  readonly step: string | null;
  readonly dueAt: string | null;
  readonly createdAt: string;
  readonly read: boolean;
}

export interface InboxPage {
  readonly total: number;
  readonly unread: number;
  readonly items: InboxItem[];
}

const inboxConditions = (inbox: Inbox, c: Conditions): Conditions =>
  scopeConditions(inbox, c, 'n.').add('n.role = $?', inbox.role);

const joinReads = (t: InboxTables, userParam: string) =>
  `${t.notifications} n LEFT JOIN ${t.reads} r ON r.notification_id = n.id AND r.user_id = ${userParam}`;

/** The newest notices first, with the caller's read marks and how many are unread. */
export const queryInbox = async (
  manager: EntityManager,
  t: InboxTables,
  inbox: Inbox,
  paging: { readonly limit: number; readonly unreadOnly: boolean },
): Promise<InboxPage> => {
  const c = inboxConditions(inbox, new Conditions());
  const user = c.param(inbox.userId);
  const [{ total, unread }] = await rowsOf<{ total: number; unread: number }>(
    manager,
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE r.user_id IS NULL)::int AS unread
       FROM ${joinReads(t, user)} ${c.sql}`,
    c.params,
  );
  if (paging.unreadOnly) c.raw('r.user_id IS NULL');
  const limit = c.param(paging.limit);
  const rows = await rowsOf<NotificationRow & { read: boolean }>(
    manager,
    `SELECT n.*, r.user_id IS NOT NULL AS read FROM ${joinReads(t, user)} ${c.sql}
      ORDER BY n.created_at DESC, n.id LIMIT ${limit}`,
    c.params,
  );
  return {
    total,
    unread,
    items: rows.map((r) => ({
      id: r.id,
      dossierId: r.dossier_id,
      kind: r.kind,
      title: r.title,
      body: r.body,
      step: r.step,
      dueAt: iso(r.due_at),
      createdAt: iso(r.created_at)!,
      read: r.read,
    })),
  };
};

/**
 * Marks the given notices (or, with `ids` null, every notice of the inbox) read for the user. Only notices of the
 * caller's own inbox are marked; answers how many were newly marked.
 */
export const markInboxRead = async (
  manager: EntityManager,
  t: InboxTables,
  inbox: Inbox,
  ids: readonly string[] | null,
  at: Date,
): Promise<number> => {
  const c = inboxConditions(inbox, new Conditions());
  if (ids) c.add('n.id = ANY($?::text[])', ids);
  const user = c.param(inbox.userId);
  const now = c.param(at.toISOString());
  const rows: unknown[] = await manager.query(
    `INSERT INTO ${t.reads} (user_id, notification_id, read_at)
     SELECT ${user}, n.id, ${now}::timestamptz FROM ${t.notifications} n ${c.sql}
     ON CONFLICT DO NOTHING RETURNING notification_id`,
    c.params,
  );
  return rows.length;
};
