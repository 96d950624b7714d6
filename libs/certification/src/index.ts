export * from './certificate-code';
export * from './certificate-issue.service';
export * from './certificate.repository';
export * from './certificate.service';
export * from './certification.exception';
export * from './certification.module';
export * from './chain-report.service';
export * from './dto/certificate.dto';
export * from './entities/certificate.entity';
export * from './events/certification.consumer';
export * from './render/certificate.renderer';
export * from './storage/certificate.storage';
export * from './storage/local-folder.storage';
export * from './validity';
export * from './verification.service';

