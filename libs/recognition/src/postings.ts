import { dueDate, localDateVi } from '@ntm/calendar';
import { ruleBroken } from '@ntm/decider';
import type { DeciderContext } from './decide';
import type { ProcedureDefinition } from './procedure-types';
import * as v from './validation';

// Public postings (commune, district, provincial portal): a window of at least the procedure's period.

/** The posting window must last at least the procedure's period; `until` defaults to exactly that. */
export const postingWindow = (
  { from, until }: { readonly from: string; readonly until?: string },
  minimum: ProcedureDefinition['communePosting'],
  ctx: DeciderContext,
): { from: string; until: string } => {
  const earliestEnd = dueDate(from, minimum, ctx.calendar);
  if (until === undefined) return { from, until: earliestEnd };
  if (v.isBefore(until, earliestEnd)) {
    const unit = minimum.unit === 'working-days' ? 'ngày làm việc' : 'ngày';
    throw ruleBroken(
      'POSTING_TOO_SHORT',
      `Thời gian niêm yết, đăng tải phải ít nhất ${minimum.amount} ${unit} (đến hết ngày ${localDateVi(earliestEnd)})`,
    );
  }
  return { from, until };
};

export const requirePostingEnded = (until: string, now: string): void => {
  if (v.isBefore(now, until)) {
    throw ruleBroken(
      'POSTING_NOT_ENDED',
      `Chưa hết thời gian niêm yết, đăng tải (đến ngày ${localDateVi(until)})`,
    );
  }
};

export const noOpenPosting = () =>
  ruleBroken('NO_OPEN_POSTING', 'Không có đợt niêm yết, đăng tải nào đang mở');
