import type { EntityManager } from 'typeorm';
import { localDateVi } from '@ntm/calendar';
import { levelLabels, type Level } from '@ntm/criteria';
import type { RecordedEvent } from '@ntm/event-store';
import {
  DOSSIER_STREAM_PREFIX,
  revocationDistanceText,
  stepLabels,
  type DossierEvent,
  type StepId,
} from '@ntm/recognition';
import { foldDossiers, type DossierKeyed } from '../dossier-fold';
import { table, type Projector, type Tables } from '../projection';
import { schemaOf, type TableDef } from '../table';
import { stepRoles } from './dossier-board';

/** What a notice is about: the kinds of the inbox and of the e-mails. */
export const NOTICE_KINDS = [
  'step-opened',
  'deadline-near',
  'overdue',
  'returned',
  'decided',
  'review-warning',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** The dossier facts a notice needs (from its DossierOpened). */
export interface NoticeDossier {
  readonly dossierId: string;
  readonly provinceCode: string;
  readonly districtCode: string | null;
  readonly communeCode: string;
  readonly communeName: string;
  readonly level: string;
  readonly year: number;
  readonly stepRoles: Readonly<Record<string, readonly string[]>>;
}

/** One inbox item for one role in the dossier's area; its id is the event's and the role's, so replays rewrite it. */
export interface Notice {
  readonly id: string;
  readonly kind: NoticeKind;
  readonly role: string;
  readonly title: string;
  readonly body: string;
  readonly step: string | null;
  readonly dueAt: string | null;
}

export const noticeDossierOf = (e: Extract<DossierEvent, { type: 'DossierOpened' }>): NoticeDossier => ({
  dossierId: e.data.dossierId,
  provinceCode: e.data.commune.provinceCode,
  districtCode: e.data.commune.districtCode ?? null,
  communeCode: e.data.commune.communeCode,
  communeName: e.data.commune.name,
  level: e.data.level,
  year: e.data.year,
  stepRoles: stepRoles(e.data.procedure),
});

const stepLabel = (step: string): string => stepLabels[step as StepId] ?? step;

/**
 * The notices an event of a dossier calls for: a step that opens for a role (with its due date), a return to the
 * commune, a step whose due date is near or past, the chairman's decision, a yearly review that warns (one
 * criterion from revocation, or due for it: the province proposes revocations). The supplementation step is
 * announced by the return.
 */
export const noticesFor = (d: NoticeDossier, e: DossierEvent, eventId: string): Notice[] => {
  const dossier = `hồ sơ ${d.communeName} (${levelLabels[d.level as Level] ?? d.level} năm ${d.year})`;
  const notice = (kind: NoticeKind, roles: readonly string[], n: Omit<Notice, 'id' | 'kind' | 'role'>) =>
    roles.map((role) => ({ id: `${eventId}:${role}`, kind, role, ...n }));
  switch (e.type) {
    case 'StepOpened': {
      if (e.data.step === 'supplementation') return [];
      const due = e.data.dueAt ? `, hạn ${localDateVi(e.data.dueAt)}` : '';
      return notice('step-opened', d.stepRoles[e.data.step] ?? [], {
        title: `Việc mới: ${stepLabel(e.data.step)}`,
        body: `${capitalize(dossier)} chờ xử lý bước «${stepLabel(e.data.step)}»${due}.`,
        step: e.data.step,
        dueAt: e.data.dueAt,
      });
    }
    case 'DossierReturned': {
      const n = e.data.reasons.length;
      return notice('returned', d.stepRoles['supplementation'] ?? ['commune_officer'], {
        title: `Hồ sơ bị trả lại để bổ sung`,
        body: `${capitalize(dossier)} bị trả lại ở bước «${stepLabel(e.data.step)}» với ${n} lý do; xã bổ sung, hoàn thiện rồi nộp lại.`,
        step: 'supplementation',
        dueAt: null,
      });
    }
    case 'StepDeadlineNear': {
      const left = e.data.workingDaysLeft;
      return notice('deadline-near', d.stepRoles[e.data.step] ?? [], {
        title: `Sắp đến hạn: ${stepLabel(e.data.step)}`,
        body: `${capitalize(dossier)} ${left > 1 ? `còn ${left} ngày làm việc` : 'chỉ còn hôm nay'} là đến hạn bước «${stepLabel(e.data.step)}» (hạn ${localDateVi(e.data.dueAt)}).`,
        step: e.data.step,
        dueAt: e.data.dueAt,
      });
    }
    case 'StepOverdue':
      return notice('overdue', d.stepRoles[e.data.step] ?? [], {
        title: `Quá hạn: ${stepLabel(e.data.step)}`,
        body: `${capitalize(dossier)} đã quá hạn bước «${stepLabel(e.data.step)}» (hạn ${localDateVi(e.data.dueAt)}).`,
        step: e.data.step,
        dueAt: e.data.dueAt,
      });
    case 'RecognitionGranted':
      return notice('decided', ['commune_officer', 'district_officer'], {
        title: 'Đã có quyết định công nhận',
        body: `Chủ tịch UBND tỉnh đã ký Quyết định số ${e.data.decisionNumber} ngày ${localDateVi(`${e.data.decidedOn}T00:00:00+07:00`)} công nhận ${dossier}.`,
        step: null,
        dueAt: null,
      });
    case 'AnnualReviewRecorded': {
      const { standing, year, failedCriteria } = e.data;
      if (standing !== 'near-threshold' && standing !== 'revocation-due') return [];
      return notice('review-warning', ['province_officer'], {
        title: `Cảnh báo rà soát năm ${year}: ${d.communeName}`,
        body:
          `Kết quả rà soát duy trì tiêu chí năm ${year} của ${dossier}: tiêu chí ${failedCriteria.join(', ')} không đạt; ` +
          (standing === 'revocation-due'
            ? 'đã thuộc diện xem xét thu hồi quyết định công nhận.'
            : `${uncapitalize(revocationDistanceText(e.data))}.`),
        step: null,
        dueAt: null,
      });
    }
    case 'RecognitionRefused':
      return notice('decided', ['commune_officer', 'district_officer'], {
        title: 'Không công nhận',
        body: `Chủ tịch UBND tỉnh quyết định không công nhận ${dossier}; lý do xem trong hồ sơ.`,
        step: null,
        dueAt: null,
      });
    default:
      return [];
  }
};

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const uncapitalize = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export interface NoticeDossierRow extends DossierKeyed {
  facts: NoticeDossier;
}

export const noticeDossiersTable: TableDef<NoticeDossierRow> = {
  base: 'rm_notice_dossiers',
  columns: { dossier_id: 'text', version: 'int', facts: 'jsonb' },
  key: ['dossier_id'],
};

export interface NotificationRow {
  id: string;
  position: string;
  dossier_id: string;
  kind: NoticeKind;
  role: string;
  province_code: string;
  district_code: string | null;
  commune_code: string;
  title: string;
  body: string;
  step: string | null;
  due_at: string | null;
  created_at: string;
}

export const notificationsTable: TableDef<NotificationRow> = {
  base: 'rm_notifications',
  columns: {
    id: 'text',
    position: 'text',
    dossier_id: 'text',
    kind: 'text',
    role: 'text',
    province_code: 'text',
    district_code: 'text',
    commune_code: 'text',
    title: 'text',
    body: 'text',
    step: 'text',
    due_at: 'timestamptz',
    created_at: 'timestamptz',
  },
  key: ['id'],
  indexes: [['role', 'province_code', 'created_at']],
};

/** The PostgreSQL channel told (on commit) which roles got new notices: the API's live stream listens on it. */
export const NOTIFICATIONS_CHANNEL = 'ntm_notifications';

const HANDLES = [
  'DossierOpened',
  'StepOpened',
  'DossierReturned',
  'StepDeadlineNear',
  'StepOverdue',
  'RecognitionGranted',
  'RecognitionRefused',
  'AnnualReviewRecorded',
];

/** Inbox items per role and area: what happened to a dossier, what now waits for whom. */
export const notifications: Projector = {
  name: 'notifications',
  label: 'Thông báo cho người dùng',
  // 2: the yearly reviews' warnings.
  version: 2,
  handles: HANDLES,
  streamPrefixes: [DOSSIER_STREAM_PREFIX],
  tables: [noticeDossiersTable as TableDef<object>, notificationsTable as TableDef<object>],
  async apply(events: readonly RecordedEvent[], manager: EntityManager, tables: Tables): Promise<void> {
    const rows: NotificationRow[] = [];
    await foldDossiers(
      manager,
      table(tables, noticeDossiersTable),
      events,
      new Set(HANDLES),
      (row, e, r): NoticeDossierRow | undefined => {
        if (e.type === 'DossierOpened')
          return row ? undefined : { dossier_id: e.data.dossierId, version: 0, facts: noticeDossierOf(e) };
        if (!row) return undefined;
        const d = row.facts;
        for (const n of noticesFor(d, e, r.eventId)) {
          rows.push({
            id: n.id,
            position: r.position,
            dossier_id: d.dossierId,
            kind: n.kind,
            role: n.role,
            province_code: d.provinceCode,
            district_code: d.districtCode,
            commune_code: d.communeCode,
            title: n.title,
            body: n.body,
            step: n.step,
            due_at: n.dueAt,
            created_at: r.recordedAt.toISOString(),
          });
        }
        return { ...row };
      },
    );
    if (rows.length === 0) return;
    await table(tables, notificationsTable).upsert(manager, rows);
    // Delivered when the batch commits; a rolled-back batch tells no one.
    const roles = [...new Set(rows.map((r) => r.role))];
    await manager.query('SELECT pg_notify($1, $2)', [
      NOTIFICATIONS_CHANNEL,
      JSON.stringify({ schema: schemaOf(manager) ?? 'public', roles }),
    ]);
  },
};
