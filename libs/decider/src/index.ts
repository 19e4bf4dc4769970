export * from './actor';
export * from './errors';
export * from './decider';
export * from './dates';
export * from './json-text';
export * from './role-labels';
