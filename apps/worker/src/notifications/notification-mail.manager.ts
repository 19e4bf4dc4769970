import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { Transporter } from 'nodemailer';
import { qualifiedTable, type EventStore, type RecordedEvent } from '@ntm/event-store';
import { domainEvent } from '@ntm/decider';
import { tableCreatedElsewhere } from '@ntm/read-models/runner';
import {
  noticeDossierOf,
  noticesFor,
  schemaOf,
  type ManagerCommand,
  type Notice,
  type NoticeDossier,
  type ProcessManager,
} from '@ntm/read-models';
import { DOSSIER_STREAM_PREFIX, type DossierEvent } from '@ntm/recognition';
import { recipientsOf, type MailRecipient } from './mail-directory';

export const MAIL_SENT_TABLE = 'notification_mail_sent';

/** The mails already handed to the SMTP server, by their deterministic key. */
export class SentMails {
  private readonly table: string;

  constructor(private readonly db: DataSource) {
    this.table = qualifiedTable(schemaOf(db.manager), MAIL_SENT_TABLE);
  }

  async install(): Promise<void> {
    await this.db
      .query(
        `CREATE TABLE IF NOT EXISTS ${this.table} (
           key text PRIMARY KEY, recipient text NOT NULL, sent_at timestamptz NOT NULL DEFAULT now())`,
      )
      .catch(tableCreatedElsewhere);
  }

  async has(key: string): Promise<boolean> {
    const rows = (await this.db.query(`SELECT 1 FROM ${this.table} WHERE key = $1`, [key])) as unknown[];
    return rows.length > 0;
  }

  async record(key: string, recipient: string): Promise<void> {
    await this.db.query(`INSERT INTO ${this.table} (key, recipient) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [
      key,
      recipient,
    ]);
  }
}

export interface MailSettings {
  readonly from: string;
  /** Where the web app is, for the link to the dossier. */
  readonly publicUrl: string;
}

/** The notices that call for mail: a step opens for someone, a return, a step whose due date is near or past. */
const MAILED = ['StepOpened', 'DossierReturned', 'StepDeadlineNear', 'StepOverdue'];

/**
 * Process manager: mails each notice of the notifications projection to the people the directory lists for its
 * role and area. Each mail has a deterministic key (event, role, address): recorded once the SMTP server took it,
 * skipped when already recorded, and used as the Message-ID, so a mail resent after a crash between the two
 * (the one window left) is recognisable as the same message.
 */
export class NotificationMailManager implements ProcessManager {
  readonly name = 'pm:notification-mail';
  readonly label = 'Gửi thư thông báo';
  readonly handles = MAILED;
  readonly streamPrefixes = [DOSSIER_STREAM_PREFIX];
  private readonly dossiers = new Map<string, NoticeDossier>();

  constructor(
    private readonly store: EventStore,
    private readonly transport: Transporter,
    private readonly directory: readonly MailRecipient[],
    private readonly sent: SentMails,
    private readonly settings: MailSettings,
  ) {}

  /** The dossier's facts from its first event (kept for the next events of the same dossier). */
  private async dossier(streamId: string): Promise<NoticeDossier | null> {
    const known = this.dossiers.get(streamId);
    if (known) return known;
    const [first] = await this.store.readStream(streamId, { maxCount: 1 });
    if (!first || first.type !== 'DossierOpened') return null;
    const facts = noticeDossierOf(domainEvent<Extract<DossierEvent, { type: 'DossierOpened' }>>(first));
    if (this.dossiers.size >= 1000) this.dossiers.clear();
    this.dossiers.set(streamId, facts);
    return facts;
  }

  async react(event: RecordedEvent): Promise<ManagerCommand[]> {
    const d = await this.dossier(event.streamId);
    if (!d) return [];
    return noticesFor(d, domainEvent<DossierEvent>(event), event.eventId).flatMap((notice) =>
      recipientsOf(this.directory, notice.role, d).map((to) => {
        const key = `${notice.id}:${to.email.toLowerCase()}`;
        return {
          description: `mail ${notice.kind} to ${to.email} (${key})`,
          send: () => this.deliver(key, to, notice, d),
        };
      }),
    );
  }

  private async deliver(key: string, to: MailRecipient, notice: Notice, d: NoticeDossier): Promise<void> {
    if (await this.sent.has(key)) return;
    const link = `${this.settings.publicUrl}/ho-so/${d.dossierId}`;
    const greeting = to.name ? `Kính gửi ${to.name},` : 'Kính gửi đồng chí,';
    await this.transport.sendMail({
      from: this.settings.from,
      to: to.name ? { name: to.name, address: to.email } : to.email,
      subject: `[Nông thôn mới] ${notice.title}: ${d.communeName}`,
      text: [
        greeting,
        '',
        notice.body,
        '',
        `Xem hồ sơ: ${link}`,
        '',
        'Thư này do Hệ thống hồ sơ xét công nhận nông thôn mới gửi tự động; xin đừng trả lời thư này.',
      ].join('\n'),
      messageId: `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@ntm-dossiers>`,
    });
    await this.sent.record(key, to.email);
  }
}
