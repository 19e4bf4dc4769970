import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { Client } from 'pg';
import { Subject } from 'rxjs';
import { APP_CONFIG, type AppConfig } from '@ntm/application';
import { NOTIFICATIONS_CHANNEL } from '@ntm/read-models';

/**
 * The API's ear on the notifications projection: one PostgreSQL session LISTENs on the channel the projection
 * notifies on commit, and passes on which roles got new notices (of this schema). Reconnects after a loss.
 */
@Injectable()
export class NotificationSignals implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('NotificationSignals');
  readonly roles = new Subject<readonly string[]>();
  /** Emits once when the app shuts down: live streams end, so the HTTP server can close. */
  readonly closing = new Subject<void>();
  private client: Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  onModuleInit(): void {
    void this.connect();
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.config.databaseUrl });
    client.on('notification', (m) => {
      try {
        const { schema, roles } = JSON.parse(m.payload ?? '{}') as { schema?: string; roles?: string[] };
        if ((schema ?? 'public') === this.config.schema && Array.isArray(roles)) this.roles.next(roles);
      } catch {
        // Not ours: the channel carries only JSON the projection writes.
      }
    });
    client.on('error', (e) => this.lost(client, e));
    try {
      await client.connect();
      await client.query(`LISTEN ${NOTIFICATIONS_CHANNEL}`);
      if (this.closed) return void (await client.end());
      this.client = client;
      // A notice committed while disconnected: listeners count again.
      this.roles.next(['*']);
    } catch (e) {
      this.lost(client, e);
    }
  }

  private lost(client: Client, e: unknown): void {
    if (this.closed) return;
    this.logger.warn(
      `notification channel lost: ${e instanceof Error ? e.message : String(e)}; reconnecting`,
    );
    if (this.client === client) this.client = null;
    void client.end().catch(() => undefined);
    this.retry ??= setTimeout(() => {
      this.retry = null;
      void this.connect();
    }, 1000);
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    this.closing.next();
    this.closing.complete();
    this.roles.complete();
    await this.client?.end().catch(() => undefined);
  }
}
