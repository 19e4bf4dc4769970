import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Post,
  Query,
  Res,
  Sse,
  StreamableFile,
  type MessageEvent,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { concatMap, filter, interval, map, merge, of, takeUntil, type Observable } from 'rxjs';
import type { Actor } from '@ntm/decider';
import type { Response } from 'express';
import {
  inboxSheets,
  markInboxRead,
  notifications,
  notificationsTable,
  queryInbox,
  toXlsx,
  type Inbox,
  type InboxTables,
} from '@ntm/read-models';
import { Clock } from '@ntm/application';
import { CurrentActor } from '../auth/current-actor';
import { ReadModels } from '../reports/read-models.service';
import { resolveScope } from '../reports/scope';
import { ExportTitles } from '../reports/export-title';
import { AnswersFile } from '../http/swagger';
import { InboxDto, InboxQueryDto, MarkedReadDto, MarkReadDto } from './notifications.dto';
import { NotificationSignals } from './notification-signals';

/** A live stream sends its count at least this often, so proxies keep it open and a missed signal heals. */
const STREAM_HEARTBEAT_MS = 25_000;

/** The caller's inbox: notices to the caller's role within the caller's own area. */
const inboxOf = (actor: Actor): Inbox => ({ ...resolveScope(actor, {}), role: actor.role, userId: actor.id });

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api/v1')
export class NotificationsController {
  constructor(
    private readonly readModels: ReadModels,
    private readonly signals: NotificationSignals,
    @Inject(Clock) private readonly clock: Clock,
    private readonly titles: ExportTitles,
  ) {}

  private async tables(): Promise<InboxTables> {
    const view = await this.readModels.view([notifications]);
    return {
      notifications: view.table(notifications, notificationsTable),
      reads: view.fixed('rm_notification_reads'),
    };
  }

  @Get('notifications')
  @ApiOperation({
    summary: 'Hộp thông báo của tôi: việc mới, hồ sơ bị trả lại, quá hạn, quyết định (mới nhất trước)',
  })
  @ApiOkResponse({ type: InboxDto })
  async list(@CurrentActor() actor: Actor, @Query() q: InboxQueryDto): Promise<InboxDto> {
    return queryInbox(this.readModels.db.manager, await this.tables(), inboxOf(actor), {
      limit: q.limit ?? 50,
      unreadOnly: q.unread ?? false,
    });
  }

  @Get('notifications.xlsx')
  @AnswersFile(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], 'Bảng tính XLSX')
  @ApiOperation({
    summary: 'Xuất hộp thông báo của tôi (xlsx): cùng các thông báo và bộ lọc như GET /notifications',
  })
  async export(
    @CurrentActor() actor: Actor,
    @Query() q: InboxQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const page = await this.list(actor, q);
    const title = await this.titles.of(
      'Thông báo',
      actor.jurisdiction.provinceCode,
      q.unread ? [{ label: 'Chỉ thông báo chưa đọc', value: 'Có' }] : [],
    );
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', 'attachment; filename="thong-bao.xlsx"');
    return new StreamableFile(await toXlsx(inboxSheets(page.items), title));
  }

  @Post('notifications/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Đánh dấu đã đọc các thông báo đã chọn, hoặc tất cả (all: true)' })
  @ApiOkResponse({ type: MarkedReadDto })
  async markRead(@CurrentActor() actor: Actor, @Body() body: MarkReadDto): Promise<MarkedReadDto> {
    const tables = await this.tables();
    const inbox = inboxOf(actor);
    const marked = await markInboxRead(
      this.readModels.db.manager,
      tables,
      inbox,
      body.all ? null : (body.ids ?? []),
      this.clock.now(),
    );
    const { unread } = await queryInbox(this.readModels.db.manager, tables, inbox, {
      limit: 0,
      unreadOnly: true,
    });
    return { marked, unread };
  }

  @Sse('notifications/stream')
  @ApiOperation({
    summary:
      'Luồng sự kiện (server-sent events) báo số thông báo chưa đọc và thông báo mới nhất, ngay khi có thông báo mới',
  })
  @ApiOkResponse({
    description:
      'Mỗi sự kiện `inbox` mang JSON { unread, total, latest }: số thông báo chưa đọc, tổng số và thông báo mới nhất',
    content: { 'text/event-stream': { schema: { type: 'string' } } },
  })
  stream(@CurrentActor() actor: Actor): Observable<MessageEvent> {
    const inbox = inboxOf(actor);
    return merge(
      of(null),
      this.signals.roles.pipe(filter((roles) => roles.includes(actor.role) || roles.includes('*'))),
      interval(STREAM_HEARTBEAT_MS),
    ).pipe(
      concatMap(async () =>
        queryInbox(this.readModels.db.manager, await this.tables(), inbox, { limit: 1, unreadOnly: false }),
      ),
      map((page) => ({
        type: 'inbox',
        data: { unread: page.unread, total: page.total, latest: page.items[0] ?? null },
      })),
      takeUntil(this.signals.closing),
    );
  }
}
