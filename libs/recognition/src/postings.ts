import { dueDate } from '@ntm/calendar';
import { ruleBroken } from '@ntm/decider';
import type { DeciderContext } from './decide';
import type { ProcedureDefinition } from './procedure-types';
import * as v from './validation';

// Public postings (commune, district, provincial portal): a window of at least the procedure's period.

/** The posting window must last at least the procedure's period; `until` defaults to exactly that. */
export const postingWindow = (
  data: { from?: unknown; until?: unknown },
  minimum: ProcedureDefinition['communePosting'],
  ctx: DeciderContext,
): { from: string; until: string } => {
  const from = v.instant(data.from, 'from');
  const earliestEnd = dueDate(from, minimum, ctx.calendar);
  if (data.until === undefined) return { from, until: earliestEnd };
  const until = v.instant(data.until, 'until');
  if (v.isBefore(until, earliestEnd)) {
    const unit = minimum.unit === 'working-days' ? 'ngày làm việc' : 'ngày';
    throw ruleBroken(
      'POSTING_TOO_SHORT',
      `Thời gian niêm yết, đăng tải phải ít nhất ${minimum.amount} ${unit} (đến hết ${earliestEnd})`,
    );
  }
  return { from, until };
};

export const requirePostingEnded = (until: string, now: string): void => {
  if (v.isBefore(now, until)) {
    throw ruleBroken('POSTING_NOT_ENDED', `Chưa hết thời gian niêm yết, đăng tải (đến ${until})`);
  }
};

export const noOpenPosting = () =>
  ruleBroken('NO_OPEN_POSTING', 'Không có đợt niêm yết, đăng tải nào đang mở');
