import { conflict, ruleBroken } from '@ntm/decider';
import type { CommandOf } from './commands';
import { currentRound } from './conditions';
import type { DeciderContext } from './decide';
import type { DossierEvent, EventOf } from './events';
import { noOpenPosting, postingWindow, requirePostingEnded } from './postings';
import { levelCriteria } from './procedure-types';
import { updateRound, type Dossier, type PublicComment, type Round } from './state';
import * as v from './validation';

/**
 * The 2021-2025 district stage as practised by provinces (RULES-2026 §3; e.g. Vĩnh Bảo, Hải Phòng 2019: the
 * district publishes the verified communes on its portal for residents' comments): the district posts its
 * verification report publicly, its steering board votes, and only then does the dossier go to the province.
 * The verification can also end with "not eligible, reasons stated". Only procedures that carry `districtStage`
 * ask for it; dossiers opened before go on as they were opened.
 */

export type DistrictCommand =
  | CommandOf<'OpenDistrictPosting'>
  | CommandOf<'CloseDistrictPosting'>
  | CommandOf<'HoldDistrictBoardVote'>
  | CommandOf<'DeclareNotEligible'>;

type DistrictEvent =
  | EventOf<'DistrictPostingOpened'>
  | EventOf<'DistrictPostingClosed'>
  | EventOf<'DistrictBoardVoted'>
  | EventOf<'DossierFoundNotEligible'>;

const stageOf = (d: Dossier) => currentRound(d)!.district;

const ruleOf = (d: Dossier) => {
  const rule = d.procedure.districtStage;
  if (!rule) {
    throw ruleBroken(
      'DISTRICT_STAGE_NOT_IN_PROCEDURE',
      'Quy trình của hồ sơ này không có bước niêm yết, biểu quyết cấp huyện',
    );
  }
  return rule;
};

/** The district's posting open for comments now, if any (comments on it go through RecordPublicComment). */
export const openDistrictPosting = (d: Dossier) => {
  const posting = d.current?.step === 'district-verification' ? currentRound(d)?.district.posting : null;
  return posting && posting.closedAt === null ? posting : undefined;
};

/** VerifyDossier at the district waits for the posting to end and the board to approve. */
export const requireDistrictStageDone = (d: Dossier): void => {
  if (d.current?.step !== 'district-verification' || !d.procedure.districtStage) return;
  const { posting, vote } = stageOf(d);
  if (!posting || posting.closedAt === null) {
    throw ruleBroken(
      'DISTRICT_POSTING_NOT_CLOSED',
      'Chưa hoàn thành công khai báo cáo thẩm tra của huyện để lấy ý kiến',
    );
  }
  if (!vote?.passed) {
    throw ruleBroken(
      'DISTRICT_VOTE_NOT_PASSED',
      vote
        ? `Ban Chỉ đạo huyện chưa thông qua: ${vote.counts.for}/${vote.counts.members} thành viên tán thành (${v.percent(vote.share)}), yêu cầu ${v.percent(vote.threshold)}`
        : 'Ban Chỉ đạo huyện chưa họp, bỏ phiếu đề nghị tỉnh xét công nhận',
    );
  }
};

export const decideDistrictStage = (
  command: DistrictCommand,
  d: Dossier,
  ctx: DeciderContext,
): DossierEvent[] => {
  const { metadata } = command;
  switch (command.type) {
    case 'OpenDistrictPosting': {
      const rule = ruleOf(d);
      if (stageOf(d).posting) {
        throw conflict('DISTRICT_POSTING_EXISTS', `Báo cáo thẩm tra vòng ${d.round} đã được công khai`);
      }
      const { data } = command;
      const window = postingWindow(data, rule.posting, ctx);
      return [
        {
          type: 'DistrictPostingOpened',
          data: {
            round: d.round,
            report: data.report,
            where: data.where,
            ...window,
            openedAt: metadata.now,
          },
        },
      ];
    }
    case 'CloseDistrictPosting': {
      const posting = openDistrictPosting(d);
      if (!posting) throw noOpenPosting();
      requirePostingEnded(posting.until, metadata.now);
      return [
        {
          type: 'DistrictPostingClosed',
          data: { round: d.round, comments: posting.comments.length, closedAt: metadata.now },
        },
      ];
    }
    case 'HoldDistrictBoardVote': {
      const { board } = ruleOf(d);
      const posting = stageOf(d).posting;
      if (!posting || posting.closedAt === null) {
        throw ruleBroken(
          'DISTRICT_POSTING_NOT_CLOSED',
          'Ban Chỉ đạo huyện chỉ bỏ phiếu sau khi kết thúc công khai báo cáo thẩm tra',
        );
      }
      const { data } = command;
      const counts = v.consistentCounts(data.counts);
      const share = counts.for / counts.members;
      return [
        {
          type: 'DistrictBoardVoted',
          data: {
            round: d.round,
            counts,
            share,
            threshold: board.threshold,
            quorum: board.quorum,
            passed: share >= board.threshold && counts.present / counts.members >= board.quorum,
            minutes: data.minutes,
            heldAt: data.heldAt ?? metadata.now,
          },
        },
      ];
    }
    case 'DeclareNotEligible':
      return [
        {
          type: 'DossierFoundNotEligible',
          data: {
            round: d.round,
            step: d.current!.step,
            reasons: v.statedReasons(command.data.reasons, levelCriteria(d.procedure, d.level)),
            report: command.data.report ?? null,
            decidedAt: metadata.now,
          },
        },
      ];
  }
};

const updateStage = (d: Dossier, round: number, change: (s: Round['district']) => Round['district']) =>
  updateRound(d, round, (r) => ({ ...r, district: change(r.district) }));

export const districtComment = (d: Dossier, round: number, comment: PublicComment): Dossier =>
  updateStage(d, round, (s) => ({
    ...s,
    posting: s.posting && { ...s.posting, comments: [...s.posting.comments, comment] },
  }));

export const evolveDistrictStage = (d: Dossier, event: DistrictEvent): Dossier => {
  switch (event.type) {
    case 'DistrictPostingOpened': {
      const { round, ...posting } = event.data;
      return updateStage(d, round, (s) => ({ ...s, posting: { ...posting, closedAt: null, comments: [] } }));
    }
    case 'DistrictPostingClosed': {
      const { round, closedAt } = event.data;
      return updateStage(d, round, (s) => ({ ...s, posting: s.posting && { ...s.posting, closedAt } }));
    }
    case 'DistrictBoardVoted': {
      const { round, ...vote } = event.data;
      return updateStage(d, round, (s) => ({ ...s, vote }));
    }
    case 'DossierFoundNotEligible': {
      const { round, ...notEligible } = event.data;
      return {
        ...updateRound(d, round, (r) => ({ ...r, notEligible })),
        status: 'not-eligible',
        current: null,
      };
    }
  }
};
