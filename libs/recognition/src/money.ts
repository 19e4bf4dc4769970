// A leaf module (no imports): the web app reads it by path, as maintenance.ts.

/** "500.000.000 đồng": an amount as Vietnamese documents write it. */
export const vnd = (amount: number): string => `${amount.toLocaleString('vi-VN')} đồng`;
