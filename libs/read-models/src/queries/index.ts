export * from './sql';
export * from './board';
export * from './standings';
export * from './plans';
export * from './decisions';
export * from './surveys';
export * from './pipeline';
export * from './notifications';
