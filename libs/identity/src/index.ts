export * from './access.decorator';
export * from './auth.guard';
export * from './dto/user.response';
export * from './entities/user.entity';
export * from './identity.exception';
export * from './identity.module';
export * from './identity.service';
export * from './password.hasher';
export * from './token.service';
export * from './user.repository';

