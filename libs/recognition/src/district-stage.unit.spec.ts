import { spec } from '@ntm/decider/testing';
import type { ProcedureDefinition, StepDefinition } from './procedure-types';
import type { Dossier } from './state';
import { actors, at, command, decider, scenario, sha, withProcedure } from './testing/fixtures';
import {
  districtBoardVoted,
  districtPostingClosed,
  districtPostingOpened,
  foundNotEligible,
  history,
  opened,
  preparation,
  submitted as submission,
} from './testing/events';

// RULES-2026 §3 (2021-2025 procedure, district stage, from provincial practice): the district posts its verification
// report publicly, its steering board votes before the dossier goes to the province, and the verification can end
// with "not eligible, reasons stated", not only pass or return.

const submitted = () => history(opened(), preparation(), submission());
const [openPosting, closePosting, vote] = scenario().district;
const verify = scenario().verify;
const posted = () => history(submitted(), districtPostingOpened());
const closed = () => history(submitted(), districtPostingOpened(), districtPostingClosed());
const boardVote = (votesFor: number, now = at('2025-03-27')) =>
  command(
    'HoldDistrictBoardVote',
    { counts: { members: 15, present: 14, for: votesFor, against: 14 - votesFor }, minutes: sha(701) },
    actors.district,
    now,
  );

describe('the district posts its verification report before the vote (RULES-2026 §3)', () => {
  it('will not pass the verification before the report was posted and the board voted', () => {
    spec(decider).given(submitted()).when(verify).thenThrows('DISTRICT_POSTING_NOT_CLOSED', 'rule');
    spec(decider).given(closed()).when(verify).thenThrows('DISTRICT_VOTE_NOT_PASSED', 'rule');
  });

  it('posts the report for at least the procedure’s period, and takes comments while it is up', () => {
    spec(decider)
      .given(submitted())
      .when(openPosting)
      .thenMatch([
        {
          type: 'DistrictPostingOpened',
          data: { round: 1, report: sha(700), from: at('2025-03-10'), until: '2025-03-25T16:59:59.999Z' },
        },
      ]);
    spec(decider)
      .given(posted())
      .when(
        command(
          'RecordPublicComment',
          {
            author: 'Ông Hoàng Văn Tư, thôn Nà Dì',
            content: 'Đề nghị làm rõ tiêu chí giao thông',
            receivedAt: at('2025-03-20'),
          },
          actors.district,
          at('2025-03-25'),
        ),
      )
      .thenMatch([{ type: 'PublicCommentRecorded', data: { posting: 'district', round: 1 } }]);
    const early = spec(decider)
      .given(posted())
      .when(
        command(
          'RecordPublicComment',
          { content: 'Góp ý gửi trước khi công khai', receivedAt: at('2025-03-09') },
          actors.district,
          at('2025-03-12'),
        ),
      )
      .thenThrows('COMMENT_OUTSIDE_POSTING', 'rule');
    expect(early.message).toBe(
      'Ngày nhận ý kiến (09/03/2025) nằm ngoài thời gian niêm yết, công khai (từ ngày 10/03/2025 đến ngày 25/03/2025)',
    );
    const short = spec(decider)
      .given(submitted())
      .when(
        command(
          'OpenDistrictPosting',
          {
            report: sha(700),
            where: ['Cổng TTĐT thành phố'],
            from: at('2025-03-25'),
            until: at('2025-03-30'),
          },
          actors.district,
          at('2025-03-25'),
        ),
      )
      .thenThrows('POSTING_TOO_SHORT', 'rule');
    expect(short.message).toBe('Thời gian niêm yết, đăng tải phải ít nhất 15 ngày (đến hết ngày 09/04/2025)');
  });

  it('closes the posting only after it ends, counting its comments', () => {
    const running = spec(decider)
      .given(posted())
      .when(command('CloseDistrictPosting', {}, actors.district, at('2025-03-24', '23:00')))
      .thenThrows('POSTING_NOT_ENDED', 'rule');
    expect(running.message).toBe('Chưa hết thời gian niêm yết, đăng tải (đến ngày 25/03/2025)');
    spec(decider)
      .given(posted())
      .when(closePosting)
      .thenMatch([{ type: 'DistrictPostingClosed', data: { round: 1, comments: 0 } }]);
  });

  it('lets the board vote only after the posting closed', () => {
    spec(decider).given(posted()).when(vote).thenThrows('DISTRICT_POSTING_NOT_CLOSED', 'rule');
  });

  it('records a vote below the threshold as not passed (UNVERIFIED 90% of members), and a later vote that passes', () => {
    spec(decider)
      .given(closed())
      .when(boardVote(12))
      .thenMatch([
        {
          type: 'DistrictBoardVoted',
          data: { passed: false, share: 0.8, threshold: 0.9, counts: { members: 15, for: 12 } },
        },
      ]);
    const failed = history(closed(), districtBoardVoted({ votesFor: 12 }));
    const err = spec(decider).given(failed).when(verify).thenThrows('DISTRICT_VOTE_NOT_PASSED', 'rule');
    expect(err.message).toBe(
      'Ban Chỉ đạo huyện chưa thông qua: 12/15 thành viên tán thành (80%), yêu cầu 90%',
    );
    spec(decider)
      .given(history(failed, districtBoardVoted({ heldAt: at('2025-03-28') })))
      .when(verify)
      .thenMatch([
        { type: 'VerificationPassed' },
        { type: 'StepOpened', data: { step: 'provincial-appraisal' } },
      ]);
  });
});

describe('the district can find a dossier not eligible, stating its reasons (RULES-2026 §3)', () => {
  const notEligible = command(
    'DeclareNotEligible',
    {
      reasons: [
        { criterion: 10, text: 'Thu nhập bình quân 38 triệu đồng/người/năm, chưa đạt 41 triệu đồng' },
        { document: 'Biên bản họp', text: 'Biên bản họp thiếu chữ ký của Chủ tịch UBND xã' },
      ],
      report: sha(702),
    },
    actors.district,
    at('2025-03-28'),
  );

  it('ends the dossier as not eligible, with the reasons by criterion and document', () => {
    const when = spec(decider).given(submitted()).when(notEligible);
    when.then([
      {
        type: 'DossierFoundNotEligible',
        data: {
          round: 1,
          step: 'district-verification',
          reasons: notEligible.data.reasons,
          report: sha(702),
          decidedAt: at('2025-03-28'),
        },
      },
    ]);
    const d = when.stateAfter() as Dossier;
    expect(d.status).toBe('not-eligible');
    expect(d.current).toBeNull();
    spec(decider)
      .given(history(submitted(), foundNotEligible(notEligible.data.reasons)))
      .when(verify)
      .thenThrows('STEP_NOT_ALLOWED', 'conflict');
  });

  it('requires at least one reason, each naming a criterion of the set or a document', () => {
    spec(decider)
      .given(submitted())
      .when(command('DeclareNotEligible', { reasons: [] }, actors.district, at('2025-03-28')))
      .thenThrows('INVALID_FIELD', 'invalid');
    const err = spec(decider)
      .given(submitted())
      .when(
        command(
          'DeclareNotEligible',
          { reasons: [{ criterion: 42, text: 'x' }] },
          actors.district,
          at('2025-03-28'),
        ),
      )
      .thenThrows('INVALID_FIELD', 'invalid');
    expect(err.violations[0].field).toBe('reasons[0].criterion');
  });

  it('is the district officer’s to decide', () => {
    spec(decider)
      .given(submitted())
      .when({ ...notEligible, metadata: { ...notEligible.metadata, actor: actors.province } })
      .thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
  });
});

describe('dossiers opened under the procedure as recorded before this correction go on unchanged', () => {
  // The procedure is recorded whole in DossierOpened: one recorded before had no district stage.
  const before = (p: ProcedureDefinition): ProcedureDefinition => {
    const { districtStage: _dropped, ...rest } = p;
    const plain = (s: StepDefinition): StepDefinition =>
      s.id === 'district-verification'
        ? {
            ...s,
            actions: { VerifyDossier: 'district_officer', ReturnForSupplementation: 'district_officer' },
          }
        : s;
    return { ...rest, steps: rest.steps.map(plain) };
  };

  it('verifies without a posting or a vote, and refuses the new district commands', () => {
    const old = withProcedure(submitted(), before);
    spec(decider)
      .given(old)
      .when(verify)
      .thenMatch([{ type: 'VerificationPassed' }, { type: 'StepOpened' }]);
    spec(decider).given(old).when(openPosting).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
  });
});
