import { spec } from '@ntm/decider/testing';
import type { DossierEvent } from './events';
import type { Dossier } from './state';
import { actors, at, command, decider, scenario, sha } from './testing/fixtures';
import {
  communePostingOpened,
  history,
  inVerification,
  opened,
  preparation,
  selfAssessed,
} from './testing/events';

// The commune's part of the procedure: self-assessment, public posting, the Front's survey, the commune's
// meeting, and what the submission needs.

describe('the commune prepares the dossier', () => {
  it('keeps every version of the self-assessment and counts the criteria met', () => {
    const again = command(
      'RecordSelfAssessment',
      scenario().selfAssessment.data,
      actors.commune,
      at('2025-03-10'),
    );
    const d = spec(decider)
      .given(history(opened(), selfAssessed({ unmet: [17] })))
      .when(again)
      .stateAfter() as Dossier;
    expect(d.assessments.map((a) => [a.version, a.metCount, a.total])).toEqual([
      [1, 18, 19],
      [2, 19, 19],
    ]);
  });

  it('refuses a self-assessment missing criteria, naming each one', () => {
    const s = scenario();
    const partial = {
      criteria: s.selfAssessment.data.criteria.filter((c) => c.criterion !== 5 && c.criterion !== 17),
    };
    const err = spec(decider)
      .given(opened())
      .when(command('RecordSelfAssessment', partial, actors.commune, at('2025-03-04')))
      .thenThrows('CRITERIA_INCOMPLETE', 'invalid');
    expect(err.violations.map((v) => v.message)).toEqual([
      'Thiếu kết quả của Tiêu chí 5 (Trường học)',
      'Thiếu kết quả của Tiêu chí 17 (Môi trường và an toàn thực phẩm)',
    ]);
  });

  it('refuses a criterion claimed as met without evidence, naming the field', () => {
    const s = scenario();
    const criteria = s.selfAssessment.data.criteria.map((c) =>
      c.criterion === 10 ? { ...c, evidence: [] } : c,
    );
    const err = spec(decider)
      .given(opened())
      .when(command('RecordSelfAssessment', { criteria }, actors.commune, at('2025-03-04')))
      .thenThrows('INVALID_FIELD', 'invalid');
    expect(err.violations[0].field).toBe('criteria[9].evidence');
  });

  it('posts for at least the procedure period and closes only when it has ended', () => {
    const given = opened();
    const tooShort = command(
      'OpenPublicPosting',
      { where: ['Trụ sở UBND xã'], from: at('2025-03-03'), until: at('2025-03-10') },
      actors.commune,
      at('2025-03-03'),
    );
    const short = spec(decider).given(given).when(tooShort).thenThrows('POSTING_TOO_SHORT', 'rule');
    expect(short.message).toBe('Thời gian niêm yết, đăng tải phải ít nhất 15 ngày (đến hết ngày 18/03/2025)');

    // 15 days from 03/03 end on Tuesday 18/03/2025.
    const until = '2025-03-18T16:59:59.999Z';
    const when = spec(decider).given(given).when(scenario().prepare[1]);
    when.thenMatch([{ type: 'PublicPostingOpened', data: { until } }]);
    expect((when.stateAfter() as Dossier).postings[0].until).toBe(until);
    const posted = history(given, communePostingOpened());
    const running = spec(decider)
      .given(posted)
      .when(command('ClosePublicPosting', {}, actors.commune, at('2025-03-18', '17:00')))
      .thenThrows('POSTING_NOT_ENDED', 'rule');
    expect(running.message).toBe('Chưa hết thời gian niêm yết, đăng tải (đến ngày 18/03/2025)');
    spec(decider)
      .given(posted)
      .when(
        command(
          'OpenPublicPosting',
          { where: ['Đài truyền thanh xã'], from: at('2025-03-05') },
          actors.commune,
          at('2025-03-05'),
        ),
      )
      .thenThrows('POSTING_ALREADY_OPEN', 'conflict');
  });

  it('records comments received during the posting and counts them at closing', () => {
    const posted = history(opened(), communePostingOpened());
    const comment = command(
      'RecordPublicComment',
      {
        author: 'Ông Hoàng Văn Pả, thôn Nà Dì',
        content: 'Đề nghị nêu rõ tỷ lệ hộ dùng nước sạch',
        receivedAt: at('2025-03-05'),
      },
      actors.commune,
      at('2025-03-06'),
    );
    const commentRecorded: DossierEvent = {
      type: 'PublicCommentRecorded',
      data: {
        posting: 'commune',
        round: 1,
        author: 'Ông Hoàng Văn Pả, thôn Nà Dì',
        content: 'Đề nghị nêu rõ tỷ lệ hộ dùng nước sạch',
        receivedAt: at('2025-03-05'),
        recordedAt: at('2025-03-06'),
      },
    };
    spec(decider).given(posted).when(comment).then([commentRecorded]);
    const commented = history(posted, commentRecorded);
    const closed: DossierEvent = {
      type: 'PublicPostingClosed',
      data: { postingNo: 1, comments: 1, closedAt: at('2025-03-19') },
    };
    const close = spec(decider)
      .given(commented)
      .when(command('ClosePublicPosting', {}, actors.commune, at('2025-03-19')));
    close.then([closed]);
    expect((close.stateAfter() as Dossier).postings[0].comments[0].author).toBe(
      'Ông Hoàng Văn Pả, thôn Nà Dì',
    );
    spec(decider)
      .given(history(commented, closed))
      .when(command('RecordPublicComment', { content: 'Muộn' }, actors.commune, at('2025-03-20')))
      .thenThrows('NO_OPEN_POSTING', 'rule');
  });

  it('computes participation and satisfaction from the survey counts', () => {
    spec(decider)
      .given(opened())
      .when(
        command(
          'RecordSurveyResult',
          {
            households: 800,
            formsCollected: 600,
            satisfied: 570,
            perQuestion: [{ question: 'Chợ, điểm mua bán thuận tiện', satisfied: 540, answered: 600 }],
            source: 'survey',
            surveyId: 'survey-nong-thuong-2025',
          },
          actors.front,
          at('2025-03-20'),
        ),
      )
      .then([
        {
          type: 'SurveyResultRecorded',
          data: {
            households: 800,
            formsCollected: 600,
            satisfied: 570,
            participationRate: 0.75,
            satisfactionRate: 0.95,
            perQuestion: [
              { question: 'Chợ, điểm mua bán thuận tiện', satisfied: 540, answered: 600, rate: 0.9 },
            ],
            source: 'survey',
            surveyId: 'survey-nong-thuong-2025',
            report: null,
            recordedAt: at('2025-03-20'),
          },
        },
      ]);
  });

  it("lets the survey's closing timer record a tallied result in the Front's place, and nothing else", () => {
    const tallied = {
      households: 800,
      formsCollected: 600,
      satisfied: 570,
      source: 'survey',
      surveyId: 'survey-nong-thuong-2025',
    };
    spec(decider)
      .given(opened())
      .when(command('RecordSurveyResult', tallied as never, actors.system, at('2025-03-20')))
      .thenMatch([{ type: 'SurveyResultRecorded', data: { source: 'survey', satisfactionRate: 0.95 } }]);
    // The same survey's result again (the closing and the survey-result process manager both send it): once.
    const recorded = spec(decider)
      .given(opened())
      .when(command('RecordSurveyResult', tallied as never, actors.system, at('2025-03-20')))
      .thenMatch([{ type: 'SurveyResultRecorded' }]) as DossierEvent[];
    spec(decider)
      .given([...opened(), ...recorded])
      .when(command('RecordSurveyResult', tallied as never, actors.system, at('2025-03-20')))
      .thenNothingHappens();
    spec(decider)
      .given(opened())
      .when(
        command(
          'RecordSurveyResult',
          { ...tallied, source: 'manual' } as never,
          actors.system,
          at('2025-03-20'),
        ),
      )
      .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    spec(decider)
      .given(opened())
      .when(command('RecordSelfAssessment', { criteria: [] } as never, actors.system, at('2025-03-20')))
      .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
  });

  it('refuses impossible survey counts and a survey source without its id', () => {
    const given = opened();
    const survey = (data: Record<string, unknown>) =>
      command(
        'RecordSurveyResult',
        { households: 100, formsCollected: 80, satisfied: 70, source: 'manual', ...data } as never,
        actors.front,
        at('2025-03-20'),
      );
    expect(
      spec(decider)
        .given(given)
        .when(survey({ satisfied: 81 }))
        .thenThrows('INVALID_FIELD').violations[0].field,
    ).toBe('satisfied');
    expect(
      spec(decider)
        .given(given)
        .when(survey({ formsCollected: 101 }))
        .thenThrows('INVALID_FIELD').violations[0].field,
    ).toBe('formsCollected');
    expect(
      spec(decider)
        .given(given)
        .when(survey({ source: 'survey' }))
        .thenThrows('INVALID_FIELD').violations[0].field,
    ).toBe('surveyId');
  });

  it('refuses a commune meeting below the vote threshold, naming the share and the threshold', () => {
    const err = spec(decider)
      .given(opened())
      .when(
        command(
          'HoldCommuneMeeting',
          { attendees: 40, votesFor: 35, votesAgainst: 5, minutes: sha(1) },
          actors.commune,
          at('2025-03-21'),
        ),
      )
      .thenThrows('VOTE_BELOW_THRESHOLD', 'rule');
    expect(err.message).toBe('Tỷ lệ tán thành 87,5% (35/40 người dự họp) thấp hơn mức yêu cầu 90%');
  });

  it('accepts a meeting exactly at the threshold (90%)', () => {
    spec(decider)
      .given(opened())
      .when(
        command(
          'HoldCommuneMeeting',
          { attendees: 30, votesFor: 27, votesAgainst: 3, minutes: sha(1) },
          actors.commune,
          at('2025-03-21'),
        ),
      )
      .thenMatch([
        { type: 'CommuneMeetingHeld', data: { share: 0.9, threshold: 0.9, heldAt: at('2025-03-21') } },
      ]);
  });

  it('refuses submission until every part is done, listing each missing part', () => {
    const s = scenario();
    const err = spec(decider)
      .given(history(opened(), selfAssessed(), communePostingOpened()))
      .when(s.submit)
      .thenThrows('DOSSIER_INCOMPLETE', 'rule');
    expect(err.violations.map((v) => v.code)).toEqual([
      'POSTING_NOT_CLOSED',
      'SURVEY_MISSING',
      'MEETING_MISSING',
    ]);
  });

  it('requires the documents of the certificate and the debt confirmation (Decision 03/2024/QĐ-TTg)', () => {
    const s = scenario();
    const { securityCertificate, debtConfirmation } = s.submit.data;
    const err = spec(decider)
      .given(history(opened(), preparation()))
      .when(
        command(
          'SubmitDossier',
          { debtConfirmation, securityCertificate: { ...securityCertificate, evidence: [] } },
          actors.commune,
          at('2025-03-24'),
        ),
      )
      .thenThrows('INVALID_FIELD', 'invalid');
    expect(err.violations[0].field).toBe('securityCertificate.evidence');
  });
});

describe('under the two-tier procedure of 2025', () => {
  const twoTier = { version: '2025-two-tier' } as const;

  it('sends the submission to the province’s verification, no district code needed', () => {
    spec(decider)
      .given(history(opened(twoTier), preparation(twoTier)))
      .when(scenario(twoTier).submit)
      .thenMatch([
        { type: 'DossierSubmitted' },
        { type: 'StepOpened', data: { step: 'provincial-verification' } },
      ]);
    const d = spec(decider)
      .given(inVerification(twoTier))
      .when(scenario(twoTier).verify)
      .stateAfter() as Dossier;
    expect(d.commune.districtCode).toBeUndefined();
    expect(d.rounds[0].verification?.step).toBe('provincial-verification');
    expect(d.current?.step).toBe('provincial-appraisal');
  });
});
