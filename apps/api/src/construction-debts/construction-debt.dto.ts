import { DEBT_LIMITS } from '@ntm/recognition';
import { Int, PatternList, ProvinceCode, Text } from '../http/constraints';
import { LocalDate, SHA256 } from '../dossiers/dossier.dto';

// Bodies of the construction-debt ledger's routes. Shape and bounds only; the rules live in the ledger's decider.

/** Every write names the commune's province (the register and the area are checked against it). */
class LedgerPlaceDto {
  @ProvinceCode() provinceCode: string;
}

class LedgerActDto extends LedgerPlaceDto {
  @Text(DEBT_LIMITS.basis, {
    example: 'Biên bản nghiệm thu số 12/BB-NT ngày 05/11/2024',
    description: 'Căn cứ: số, ngày của biên bản nghiệm thu, quyết toán hoặc chứng từ thanh toán',
  })
  basis: string;
  @PatternList(DEBT_LIMITS.evidence, SHA256, 'sha256', {
    description: 'SHA-256 của tài liệu minh chứng (đã tải lên)',
  })
  evidence: string[];
}

export class RecordConstructionDebtDto extends LedgerActDto {
  @Text(DEBT_LIMITS.text, { example: 'Đường giao thông thôn Nà Pài', description: 'Tên công trình' })
  project: string;
  @Text(DEBT_LIMITS.text, { example: 'Công ty TNHH Xây dựng Minh Phát', description: 'Đơn vị thi công' })
  contractor: string;
  @Int(1, DEBT_LIMITS.amount, { example: 500_000_000, description: 'Số tiền còn nợ (đồng)' })
  amount: number;
  @LocalDate(false, '2024-11-05') incurredOn: string;
}

export class PayConstructionDebtDto extends LedgerActDto {
  @Int(1, DEBT_LIMITS.amount, { example: 200_000_000, description: 'Số tiền đã trả (đồng)' })
  amount: number;
  @LocalDate(false, '2025-03-10') paidOn: string;
}

export class CancelConstructionDebtDto extends LedgerPlaceDto {
  @Text(DEBT_LIMITS.reason, {
    example: 'Ghi nhầm công trình của xã khác',
    description: 'Lý do hủy khoản ghi',
  })
  reason: string;
}
