import { Param, ParseUUIDPipe } from '@nestjs/common';
import { DomainException } from './domain.exception';

/** A route parameter that must be a UUID; anything else is a 400 naming the parameter. */
export const UuidParam = (name: string) =>
  Param(
    name,
    new ParseUUIDPipe({
      exceptionFactory: () =>
        new DomainException(400, 'common.invalid', `${name} must be a UUID`, [{ field: name, problem: 'must be a UUID' }]),
    }),
  );
