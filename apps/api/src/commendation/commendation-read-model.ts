import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { VIEW_STREAM_PREFIXES, emptyView, evolveView, type CommendationView } from '@ntm/commendation';
import { START, comparePositions, type EventStore, type Position } from '@ntm/event-store';
import { EVENT_STORE } from '@ntm/application';

/** How long a query waits for the view to reach ?minPosition before answering 503. */
const MIN_POSITION_WAIT_MS = 5000;
const POLL_MS = 20;
const BATCH = 2000;

/**
 * The commendation read side: the pure `evolveView` fold kept in memory and caught up from the event store's
 * all-stream (filtered to the streams it reads) before every query. Commendation data is small (a few hundred
 * nominations and awards a year per province), so a process holds it whole; on restart it replays from the start.
 */
@Injectable()
export class CommendationReadModel {
  private readonly view: CommendationView = emptyView();
  private position: Position = START;
  // Catch-ups run one at a time: the fold mutates the view in place.
  private chain: Promise<void> = Promise.resolve();

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The view, caught up with everything visible now, and at least up to `minPosition` when given. */
  async current(minPosition?: string): Promise<{ view: CommendationView; position: Position }> {
    const deadline = Date.now() + MIN_POSITION_WAIT_MS;
    for (;;) {
      await this.catchUp();
      if (!minPosition || comparePositions(this.position, minPosition) >= 0)
        return { view: this.view, position: this.position };
      if (Date.now() >= deadline) {
        throw new HttpException(
          {
            code: 'READ_MODEL_BEHIND',
            message: `Dữ liệu thi đua, khen thưởng chưa cập nhật tới vị trí ${minPosition} (mới tới ${this.position || 'đầu'}); vui lòng thử lại sau giây lát`,
            minPosition,
            position: this.position,
          },
          HttpStatus.SERVICE_UNAVAILABLE,
        );
      }
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }

  private catchUp(): Promise<void> {
    const run = this.chain.then(() => this.readToEnd());
    this.chain = run.catch(() => undefined);
    return run;
  }

  private async readToEnd(): Promise<void> {
    for (;;) {
      const slice = await this.store.readAll({
        after: this.position,
        streamPrefixes: VIEW_STREAM_PREFIXES,
        maxCount: BATCH,
      });
      for (const e of slice.events) evolveView(this.view, e);
      this.position = slice.position;
      if (slice.isEnd) return;
    }
  }
}
