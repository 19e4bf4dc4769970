export * from './types';
export * from './catalogue';
export * from './document';
export * from './validate';
export * from './catalogue-stream';
export { kieuMauConditions2021, nangCaoCriteria2021, ntmCriteria2021 } from './data/2021-2025';
export { hienDaiSet2026, kieuMauSet2021, nangCaoSet2021, ntmSet2021, ntmSet2026 } from './data/sets';
export { testSet2026, passingReports2026 } from './testing';
