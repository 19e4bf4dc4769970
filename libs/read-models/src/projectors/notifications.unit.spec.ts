import type { DossierEvent } from '@ntm/recognition';
import { actors, at, command, play } from '../../../recognition/src/testing/fixtures';
import {
  appraised,
  granted,
  history,
  inVerification,
  opened,
  preparation,
  recognised,
  returned,
  stepDeadlineNear,
  stepOverdue,
  submitted,
} from '../../../recognition/src/testing/events';
import { noticeDossierOf, noticesFor, type Notice } from './notifications';

/** Given a dossier's history, when its next events come, then the notices they call for (in order). */
const given = (history: readonly DossierEvent[]) => {
  const opened = history[0] as Extract<DossierEvent, { type: 'DossierOpened' }>;
  const dossier = noticeDossierOf(opened);
  return {
    when: (next: readonly DossierEvent[]) =>
      next
        .flatMap((e, i) => noticesFor(dossier, e, `event-${i}`))
        .map(({ id, kind, role, title, body, dueAt }) => ({
          id,
          kind,
          role,
          title,
          body,
          dueAt,
        })) as Partial<Notice>[],
  };
};

describe('notices: what each event of a dossier tells whom', () => {
  it('a submission opens the district verification: a notice to the district officer with its due date', () => {
    const prepared = history(opened(), preparation());
    const next = submitted();
    expect(next.map((e) => e.type)).toEqual(['DossierSubmitted', 'StepOpened']);
    const dueAt = (next[1] as Extract<DossierEvent, { type: 'StepOpened' }>).data.dueAt!;
    expect(given(prepared).when(next)).toEqual([
      {
        id: 'event-1:district_officer',
        kind: 'step-opened',
        role: 'district_officer',
        title: 'Việc mới: Huyện thẩm tra hồ sơ',
        body: expect.stringMatching(
          /^Hồ sơ xã Nông Thượng \(nông thôn mới năm 2025\) chờ xử lý bước «Huyện thẩm tra hồ sơ», hạn \d{2}\/\d{2}\/2025\.$/,
        ),
        dueAt,
      },
    ]);
  });

  it('a return tells the roles of the supplementation (commune and Front) how many reasons; its step adds no second notice', () => {
    const next = returned([
      { criterion: 17, text: 'Thiếu kết quả kiểm tra an toàn thực phẩm' },
      { criterion: 2, text: 'Thiếu biên bản nghiệm thu' },
    ]);
    expect(next.map((e) => e.type)).toEqual(['DossierReturned', 'StepOpened']);
    expect(given(inVerification()).when(next)).toEqual([
      {
        id: 'event-0:commune_officer',
        kind: 'returned',
        role: 'commune_officer',
        title: 'Hồ sơ bị trả lại để bổ sung',
        body: 'Hồ sơ xã Nông Thượng (nông thôn mới năm 2025) bị trả lại ở bước «Huyện thẩm tra hồ sơ» với 2 lý do; xã bổ sung, hoàn thiện rồi nộp lại.',
        dueAt: null,
      },
      expect.objectContaining({ id: 'event-0:front_officer', kind: 'returned', role: 'front_officer' }),
    ]);
  });

  it('a step nearly due (its reminder) tells the roles acting on it how many working days are left', () => {
    const next = [
      stepDeadlineNear('district-verification', {
        dueAt: '2025-04-15T16:59:59.999Z',
        workingDaysLeft: 2,
        remindedAt: at('2025-04-14', '00:00'),
      }),
    ];
    expect(next.map((e) => e.type)).toEqual(['StepDeadlineNear']);
    expect(given(inVerification()).when(next)).toEqual([
      {
        id: 'event-0:district_officer',
        kind: 'deadline-near',
        role: 'district_officer',
        title: 'Sắp đến hạn: Huyện thẩm tra hồ sơ',
        body: 'Hồ sơ xã Nông Thượng (nông thôn mới năm 2025) còn 2 ngày làm việc là đến hạn bước «Huyện thẩm tra hồ sơ» (hạn 15/04/2025).',
        dueAt: '2025-04-15T16:59:59.999Z',
      },
    ]);
  });

  it('a step past its due date tells the roles acting on it; a decision tells the commune and the district', () => {
    const overdue = stepOverdue('district-verification', {
      dueAt: '2025-04-18T16:59:59.999Z',
      markedAt: at('2025-04-19'),
    });
    expect(given(inVerification()).when([overdue])).toEqual([
      expect.objectContaining({
        kind: 'overdue',
        role: 'district_officer',
        title: 'Quá hạn: Huyện thẩm tra hồ sơ',
        body: 'Hồ sơ xã Nông Thượng (nông thôn mới năm 2025) đã quá hạn bước «Huyện thẩm tra hồ sơ» (hạn 18/04/2025).',
      }),
    ]);
    const decided = given(appraised())
      .when(granted())
      .filter((n) => n.kind === 'decided');
    expect(decided.map((n) => n.role)).toEqual(['commune_officer', 'district_officer']);
    expect(decided[0].title).toBe('Đã có quyết định công nhận');
    expect(decided[0].body).toMatch(
      /^Chủ tịch UBND tỉnh đã ký Quyết định số .+ ngày \d{2}\/\d{2}\/2025 công nhận hồ sơ xã Nông Thượng/,
    );
  });

  it('a yearly review tells the province only when it warns: one criterion from revocation, or due for it', () => {
    const review = (year: number, failed: readonly number[]) =>
      command(
        'RecordAnnualReview',
        {
          year,
          results: Array.from({ length: 19 }, (_, i) => ({ criterion: i + 1, met: !failed.includes(i + 1) })),
        },
        actors.commune,
        at('2026-12-15'),
      );
    // 2 failed: slipping, no notice; 5 failed with income (10): one from revocation; 6 with it: due.
    const recognisedHistory = recognised();
    const reviews = play([review(2025, [3, 4]), review(2026, [2, 5, 7, 10, 13])], recognisedHistory).slice(
      recognisedHistory.length,
    );
    const due = play([review(2026, [2, 5, 7, 10, 13, 17])], recognisedHistory).slice(
      recognisedHistory.length,
    );
    expect(given(recognisedHistory).when([...reviews, ...due])).toEqual([
      {
        id: 'event-1:province_officer',
        kind: 'review-warning',
        role: 'province_officer',
        title: 'Cảnh báo rà soát năm 2026: xã Nông Thượng',
        body: 'Kết quả rà soát duy trì tiêu chí năm 2026 của hồ sơ xã Nông Thượng (nông thôn mới năm 2025): tiêu chí 2, 5, 7, 10, 13 không đạt; thêm 1 tiêu chí không đạt thì thuộc diện thu hồi.',
        dueAt: null,
      },
      expect.objectContaining({
        id: 'event-2:province_officer',
        body: expect.stringMatching(
          /tiêu chí 2, 5, 7, 10, 13, 17 không đạt; đã thuộc diện xem xét thu hồi quyết định công nhận\.$/,
        ),
      }),
    ]);
  });
});
