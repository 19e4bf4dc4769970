import type { DossierEvent } from '@ntm/recognition';
import { actors, at, command, historyUpTo, play } from '../../../recognition/src/testing/fixtures';
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

const after = (history: DossierEvent[], extra: DossierEvent[]) => extra.slice(history.length);

describe('notices: what each event of a dossier tells whom', () => {
  it('a submission opens the district verification: a notice to the district officer with its due date', () => {
    const prepared = historyUpTo('prepared');
    const submitted = historyUpTo('submitted');
    const next = after(prepared, submitted);
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
    const submitted = historyUpTo('submitted');
    const returned = play(
      [
        command(
          'ReturnForSupplementation',
          {
            reasons: [
              { criterion: 17, text: 'Thiếu kết quả kiểm tra an toàn thực phẩm' },
              { criterion: 2, text: 'Thiếu biên bản nghiệm thu' },
            ],
          },
          actors.district,
          at('2025-03-28'),
        ),
      ],
      submitted,
    );
    const next = after(submitted, returned);
    expect(next.map((e) => e.type)).toEqual(['DossierReturned', 'StepOpened']);
    expect(given(submitted).when(next)).toEqual([
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
    const submitted = historyUpTo('submitted');
    const reminded = play(
      [
        command(
          'RemindStepDeadline',
          { step: 'district-verification', round: 1, workingDays: 2 },
          actors.system,
          at('2025-04-14', '00:00'),
        ),
      ],
      submitted,
    );
    const next = after(submitted, reminded);
    expect(next.map((e) => e.type)).toEqual(['StepDeadlineNear']);
    expect(given(submitted).when(next)).toEqual([
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
    const submitted = historyUpTo('submitted');
    const overdue: DossierEvent = {
      type: 'StepOverdue',
      data: {
        step: 'district-verification',
        round: 1,
        dueAt: '2025-04-18T16:59:59.999Z',
        markedAt: at('2025-04-19'),
      },
    } as DossierEvent;
    expect(given(submitted).when([overdue])).toEqual([
      expect.objectContaining({
        kind: 'overdue',
        role: 'district_officer',
        title: 'Quá hạn: Huyện thẩm tra hồ sơ',
        body: 'Hồ sơ xã Nông Thượng (nông thôn mới năm 2025) đã quá hạn bước «Huyện thẩm tra hồ sơ» (hạn 18/04/2025).',
      }),
    ]);
    const appraised = historyUpTo('appraised');
    const granted = after(appraised, historyUpTo('granted'));
    const decided = given(appraised)
      .when(granted)
      .filter((n) => n.kind === 'decided');
    expect(decided.map((n) => n.role)).toEqual(['commune_officer', 'district_officer']);
    expect(decided[0].title).toBe('Đã có quyết định công nhận');
    expect(decided[0].body).toMatch(
      /^Chủ tịch UBND tỉnh đã ký Quyết định số .+ ngày \d{2}\/\d{2}\/2025 công nhận hồ sơ xã Nông Thượng/,
    );
  });
});
