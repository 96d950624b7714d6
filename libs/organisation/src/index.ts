export * from './dto/organisation.dto';
export * from './dto/organisation.response';
export * from './entities/membership.entity';
export * from './entities/organisation.entity';
export * from './membership.repository';
export * from './organisation-access.service';
export * from './organisation.exception';
export * from './organisation.module';
export * from './organisation.repository';
export * from './organisation.service';

