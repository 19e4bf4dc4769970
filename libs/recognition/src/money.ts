// A leaf module (no imports): the web app reads it by path, as maintenance.ts.

/** "500.000.000 đồng": an amount as Vietnamese documents write it. */
export const vnd = (amount: number): string => `${amount.toLocaleString('vi-VN')} đồng`;

/** Limits of what a commune's construction-debt ledger records (hostile input is normal input). */
export const DEBT_LIMITS = {
  text: 300,
  basis: 500,
  reason: 2000,
  evidence: 20,
  /** 10,000 tỷ đồng: more than any commune's programme; a larger figure is a typing error. */
  amount: 10_000_000_000_000,
  entries: 500,
} as const;
