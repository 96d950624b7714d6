import { Certificate } from './entities/certificate.entity';

export * from './entities/certificate.entity';

export const CERTIFICATION_ENTITIES = [Certificate];
