import { spec } from '@ntm/decider/testing';
import type { Actor } from '@ntm/decider';
import type { DossierCommand } from './commands';
import type { DossierEvent } from './events';
import { actors, at, command, councilMember, decider, scenario } from './testing/fixtures';
import {
  appraisalPostingClosed,
  appraisalPostingOpened,
  appraised,
  communePostingOpened,
  granted,
  history,
  inAppraisal,
  inVerification,
  opened,
  preparation,
  recognised,
} from './testing/events';

const s = scenario();
const sTwoTier = scenario({ version: '2025-two-tier' });
const as = (c: DossierCommand, actor: Actor): DossierCommand => ({
  ...c,
  metadata: { ...c.metadata, actor },
});
const posted = () => history(inAppraisal(), appraisalPostingOpened(), appraisalPostingClosed());

describe('each step is gated by the role the procedure names for it', () => {
  const cases: [string, () => DossierEvent[], DossierCommand, Actor][] = [
    ['self-assessment by the Front', () => opened(), s.selfAssessment, actors.front],
    ['commune posting by the district', () => opened(), s.prepare[1], actors.district],
    ['survey result by the commune officer', () => opened(), s.prepare[3], actors.commune],
    ['commune meeting by the Front', () => opened(), s.prepare[4], actors.front],
    ['submission by the Front', () => history(opened(), preparation()), s.submit, actors.front],
    ['district verification by the province (2021-2025)', () => inVerification(), s.verify, actors.province],
    [
      'provincial verification by the district (two-tier)',
      () => inVerification({ version: '2025-two-tier' }),
      sTwoTier.verify,
      actors.district,
    ],
    [
      'return by the commune',
      () => inVerification(),
      command(
        'ReturnForSupplementation',
        { reasons: [{ criterion: 1, text: 'x' }] },
        actors.commune,
        at('2025-03-28'),
      ),
      actors.commune,
    ],
    ['appraisal posting by the district', () => inAppraisal(), s.appraise[0], actors.district],
    ['council vote by a province officer', () => posted(), s.appraise[2], actors.province],
    ['appraisal conclusion by a council member', () => posted(), s.appraise[3], councilMember(2)],
    ['recognition decided by a province officer', () => appraised(), s.decide, actors.province],
    ['recognition decided by a council member', () => appraised(), s.decide, councilMember(2)],
    ['announcement by the commune', () => history(appraised(), granted()), s.announce, actors.commune],
    ['anything by an administrator', () => appraised(), s.decide, actors.admin],
  ];

  it.each(cases)('refuses %s', (_name, given, cmd, actor) => {
    spec(decider).given(given()).when(as(cmd, actor)).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
  });

  it('uses the role of the current step when a command belongs to several steps', () => {
    // Comments are recorded by the commune during its posting, by the province during the portal posting.
    const communePosting = history(opened(), communePostingOpened());
    const comment = command(
      'RecordPublicComment',
      { content: 'Góp ý về tiêu chí giao thông' },
      actors.province,
      at('2025-03-05'),
    );
    const err = spec(decider).given(communePosting).when(comment).thenThrows('ROLE_NOT_ALLOWED', 'forbidden');
    expect(err.message).toBe('Vai trò cán bộ cấp tỉnh không được thực hiện thao tác "Ghi nhận ý kiến góp ý"');
    spec(decider)
      .given(communePosting)
      .when(as(comment, actors.commune))
      .thenMatch([{ type: 'PublicCommentRecorded', data: { posting: 'commune' } }]);
  });
});

describe('actors act only within their jurisdiction', () => {
  it('refuses another commune’s officer', () => {
    spec(decider)
      .given(opened())
      .when(as(s.selfAssessment, actors.otherCommune))
      .thenThrows('OUTSIDE_JURISDICTION', 'forbidden');
  });

  it('refuses another province’s officer and council member', () => {
    spec(decider)
      .given(inVerification({ version: '2025-two-tier' }))
      .when(as(sTwoTier.verify, actors.otherProvince))
      .thenThrows('OUTSIDE_JURISDICTION', 'forbidden');
    spec(decider)
      .given(posted())
      .when(as(s.appraise[2], { ...councilMember(9), jurisdiction: { provinceCode: '24' } }))
      .thenThrows('OUTSIDE_JURISDICTION', 'forbidden');
  });

  it('refuses a district officer of another district', () => {
    spec(decider)
      .given(inVerification())
      .when(as(s.verify, { ...actors.district, jurisdiction: { provinceCode: '06', districtCode: '061' } }))
      .thenThrows('OUTSIDE_JURISDICTION', 'forbidden');
  });
});

describe('a command outside its step is a conflict naming the current step', () => {
  it.each<[string, () => DossierEvent[], DossierCommand, string]>([
    [
      'verification while the commune prepares',
      () => opened(),
      s.verify,
      'Xã tự đánh giá, lấy ý kiến và hoàn thiện hồ sơ',
    ],
    ['a decision during verification', () => inVerification(), s.decide, 'Huyện thẩm tra hồ sơ'],
    ['a second submission', () => inVerification(), s.submit, 'Huyện thẩm tra hồ sơ'],
    [
      'a council vote once the appraisal concluded',
      () => appraised(),
      s.appraise[2],
      'Chủ tịch UBND tỉnh xét, quyết định công nhận',
    ],
    [
      'a self-assessment after submission',
      () => inAppraisal(),
      s.selfAssessment,
      'Tỉnh thẩm định, Hội đồng thẩm định bỏ phiếu',
    ],
  ])('refuses %s', (_name, given, cmd, stepLabel) => {
    const err = spec(decider).given(given()).when(cmd).thenThrows('STEP_NOT_ALLOWED', 'conflict');
    expect(err.message).toContain(`ở bước hiện tại: ${stepLabel}`);
  });

  it('names the status once the flow has ended', () => {
    const err = spec(decider).given(recognised()).when(s.decide).thenThrows('STEP_NOT_ALLOWED', 'conflict');
    expect(err.message).toBe('Không thể thực hiện "Quyết định công nhận": hồ sơ ở trạng thái "Đã công nhận"');
  });
});
