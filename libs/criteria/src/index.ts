export * from './types';
export * from './catalogue';
export { kieuMauConditions2021, nangCaoCriteria2021, ntmCriteria2021 } from './data/2021-2025';
