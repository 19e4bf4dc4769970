import type { DataOf } from '@ntm/recognition';
import { LIMITS, Nested, NestedList } from '../http/constraints';
import { CouncilCountsDto, Instant, ReturnReasonDto, Sha256, TextList } from './dossier.dto';

// Bodies of the 2021-2025 district stage (RULES-2026 §3): posting of the verification report, the steering board's
// vote, and the "not eligible, reasons stated" outcome. Each is its command's data once valid (texts trimmed);
// the decider holds the rules.

export class DistrictPostingDto implements DataOf<'OpenDistrictPosting'> {
  @Sha256(false, 'SHA-256 của báo cáo thẩm tra') report: string;
  @TextList(LIMITS.shortList, 500, { min: 1, example: ['Cổng thông tin điện tử huyện', 'Trụ sở UBND huyện'] })
  where: string[];
  @Instant() from: string;
  @Instant(true) until?: string;
}

export class DistrictBoardVoteDto implements DataOf<'HoldDistrictBoardVote'> {
  @Nested(() => CouncilCountsDto) counts: CouncilCountsDto;
  @Sha256(false, 'SHA-256 của biên bản họp Ban Chỉ đạo huyện') minutes: string;
  @Instant(true) heldAt?: string;
}

export class NotEligibleDto implements DataOf<'DeclareNotEligible'> {
  @NestedList(() => ReturnReasonDto, LIMITS.shortList, { min: 1 }) reasons: ReturnReasonDto[];
  @Sha256(true, 'SHA-256 của báo cáo thẩm tra') report?: string;
}
