import {
  Inject,
  Logger,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { DataSource } from 'typeorm';
import type { EventStore } from '@ntm/event-store';
import { APP_CONFIG, EVENT_STORE, type AppConfig, type MailConfig } from '@ntm/application';
import { demoMailDirectory } from '../../../cli/src/demo-data';
import { ManagerRunners, WorkerCoreModule } from '../worker-core.module';
import { readMailDirectory, type MailRecipient } from './mail-directory';
import { NotificationMailManager, SentMails } from './notification-mail.manager';

/** The directory of a configuration: its file, else the demo users outside production, else nobody. */
export const mailDirectoryOf = (mail: MailConfig, production: boolean): MailRecipient[] =>
  mail.directoryFile ? readMailDirectory(mail.directoryFile) : production ? [] : [...demoMailDirectory];

/** Runs the notification mail process manager when SMTP_URL is set (checkpoint `pm:notification-mail`). */
class NotificationMailHost implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('NotificationMail');
  private transport: Transporter | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly managers: ManagerRunners,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const mail = this.config.mail;
    if (!mail) return;
    const directory = mailDirectoryOf(mail, this.config.production);
    if (directory.length === 0)
      this.logger.warn('SMTP_URL is set but the mail directory is empty: no mail will go out');
    const sent = new SentMails(this.db);
    await sent.install();
    this.transport = createTransport(mail.smtpUrl);
    await this.managers.run(
      new NotificationMailManager(this.store, this.transport, directory, sent, {
        from: mail.from,
        publicUrl: this.config.publicUrl ?? `http://127.0.0.1:${this.config.port}`,
      }),
    );
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}

/** Notification mail; WorkerModule imports it. */
@Module({ imports: [WorkerCoreModule], providers: [NotificationMailHost] })
export class NotificationsWorkerModule {}
