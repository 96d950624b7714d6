export * from './data-source-options';
export * from './database.module';
export * from './migrate';
export * from './snake-naming.strategy';
export * from './prepared-query';
