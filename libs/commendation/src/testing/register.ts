import type { Actor } from '@ntm/decider';
import type { EventOf } from '@ntm/recognition';
import type { AwardRecipient, NominationSnapshot, RegisterCommand, RegisterEvent } from '../register';
import { recipientKey, type Nominee } from '../types';
import { NOW, PROVINCE, bangKhen, chairman, meta, movement, nongThuong } from './fixtures';
import { achievement } from './nomination';

/**
 * The province's award register, as commands and as the events the decider records for them, for the `given` of
 * a specification. fixture-events.unit.spec.ts holds each event builder to the decider.
 */

/** Nomination `id` as the shell reads it: approved for the province's Bằng khen unless told. */
export const nominationSnapshot = (
  id: string,
  over: Partial<NominationSnapshot> = {},
): NominationSnapshot => ({
  id,
  status: 'approved',
  provinceCode: PROVINCE,
  awardType: bangKhen,
  movement,
  year: 2025,
  nominee: nongThuong,
  achievement,
  restsOn: ['d-nong-thuong-ntm'],
  ...over,
});

export const issueDecision = (
  nominations: NominationSnapshot[],
  by: Actor = chairman,
  number = '2500/QĐ-UBND',
  decisionId = 'qd-2500',
): RegisterCommand => ({
  type: 'IssueDecision',
  data: {
    provinceCode: PROVINCE,
    decisionId,
    number,
    decidedOn: '2025-12-20',
    awardType: bangKhen,
    nominations,
  },
  metadata: meta(by),
});

/** The award a decision makes on nomination `nominationId`: Nông Thượng's, resting on its recognition, unless told. */
export const awardTo = (
  awardId: string,
  nominationId: string,
  nominee: Nominee = nongThuong,
  restsOn: string[] = ['d-nong-thuong-ntm'],
): AwardRecipient => ({
  awardId,
  nominationId,
  nominee,
  recipientKey: recipientKey(nominee),
  year: 2025,
  movementId: movement.id,
  achievement,
  restsOn,
});

/** The province's Bằng khen as the register keeps it. */
export const bangKhenRef: Extract<RegisterEvent, { type: 'DecisionIssued' }>['data']['awardType'] = {
  id: 'bang-khen-chu-tich-tinh',
  name: 'Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh',
  level: 'province',
  decisionRole: 'chairman',
  authority: 'Chủ tịch Ủy ban nhân dân tỉnh',
};

/** The chairman signed decision 2500/QĐ-UBND of 20/12/2025 for the province's Bằng khen, making these awards. */
export const decisionIssued = (recipients: AwardRecipient[]): RegisterEvent => ({
  type: 'DecisionIssued',
  data: {
    provinceCode: PROVINCE,
    decisionId: 'qd-2500',
    number: '2500/QĐ-UBND',
    decidedOn: '2025-12-20',
    awardType: bangKhenRef,
    signer: { id: chairman.id, name: chairman.name ?? null },
    recipients,
    issuedAt: NOW,
  },
});

/** The province revoked Nông Thượng's NTM recognition by decision 77/QĐ-UBND of 02/03/2026. */
export const revokedRecognition: EventOf<'RecognitionRevoked'> = {
  type: 'RecognitionRevoked',
  data: {
    dossierId: 'd-nong-thuong-ntm',
    communeCode: '01843',
    level: 'ntm',
    period: '2021-2025',
    decisionNumber: '77/QĐ-UBND',
    decidedOn: '2026-03-02',
    signer: { id: chairman.id },
    failedCriteria: [17, 18, 10, 13, 2, 3],
    failedShare: 6 / 19,
    revokedAt: NOW,
  },
};

/** The award flagged for the board's review because the recognition it rests on was revoked (event evt-1). */
export const awardFlaggedForRevocation = (awardId: string): RegisterEvent => ({
  type: 'AwardFlagged',
  data: {
    awardId,
    flagId: 'recognition-revoked:evt-1',
    reason: {
      kind: 'recognition-revoked',
      dossierId: 'd-nong-thuong-ntm',
      communeCode: '01843',
      level: 'ntm',
      decisionNumber: '77/QĐ-UBND',
      decidedOn: '2026-03-02',
    },
    flaggedAt: NOW,
  },
});
