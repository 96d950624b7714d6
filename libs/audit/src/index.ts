export * from './audit-log';
export * from './audit.module';
export * from './dto/audit-entry.dto';
export * from './entities/audit-entry.entity';
