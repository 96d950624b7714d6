export * from './chain-role';
export * from './domain.exception';
export * from './pagination';
export * from './postgres-errors';
export * from './rate-limit.decorator';
export * from './uuid-param.decorator';
export * from './dates';
export * from './templates-root';
