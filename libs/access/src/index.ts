export * from './access.exception';
export * from './access.module';
export * from './access.repository';
export * from './access.service';
