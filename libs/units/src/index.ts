export * from './register';
export * from './plan';
