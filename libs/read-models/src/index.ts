export * from './table';
export * from './projection';
export * from './dossier-fold';
export * from './projectors';
export * from './catalog';
export * from './entities';
export * from './migrations';
export * from './queries';
