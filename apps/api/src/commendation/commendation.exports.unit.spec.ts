import type { Award } from '@ntm/commendation';
import { pdfText } from '../../../../test/support/pdf-text';
import { renderOfficialDocument } from '../official-documents/decree30';
import { decisionDocument, type DecisionDocument } from './commendation.exports';

const pmAward = {
  id: 'bang-khen-thu-tuong',
  name: 'Bằng khen của Thủ tướng Chính phủ',
  level: 'central',
  decisionRole: 'province_officer',
  authority: 'Thủ tướng Chính phủ',
} as const;

const award: Award = {
  awardId: 'a-1',
  source: 'decision',
  decisionId: 'd-1',
  decisionNumber: '45/QĐ-TTg',
  decidedOn: '2026-01-08',
  awardType: pmAward,
  year: 2026,
  movementId: null,
  recipient: {
    kind: 'commune',
    provinceCode: '06',
    districtCode: '058',
    communeCode: '01843',
    name: 'xã Nông Thượng',
  },
  recipientKey: 'commune:01843',
  nominationId: null,
  achievement: { kind: 'movement-result', period: '2021-2025', text: 'Đạt chuẩn nông thôn mới năm 2025' },
  restsOn: [],
  flags: [],
  revoked: null,
};

const decision: DecisionDocument = {
  decisionId: 'd-1',
  number: '45/QĐ-TTg',
  decidedOn: '2026-01-08',
  awardType: pmAward,
  signer: { id: 'u-1', name: 'Người ký' },
  awardIds: ['a-1'],
  issuedAt: '2026-01-08T02:00:00.000Z',
  awards: [award],
};

describe('The commendation decision in the layout of Decree 30/2020', () => {
  it("a national authority's decision is issued in its own name from Hà Nội, its list annexed", async () => {
    const text = pdfText(await renderOfficialDocument(decisionDocument(decision, 'Bắc Kạn')));
    for (const part of [
      'THỦ TƯỚNG CHÍNH PHỦ',
      'Số: 45/QĐ-TTg',
      'Hà Nội, ngày 08 tháng 01 năm 2026',
      'Về việc tặng Bằng khen của Thủ tướng Chính phủ',
      'Xét đề nghị của Ủy ban nhân dân tỉnh Bắc Kạn.',
      'Nơi nhận:',
      'THỦ TƯỚNG Người ký',
      'Xã Nông Thượng Đạt chuẩn nông thôn mới năm 2025',
    ])
      expect(text).toContain(part);
  });
});
