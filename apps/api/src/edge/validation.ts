import { ValidationError, ValidationPipe } from '@nestjs/common';
import { DomainException, FieldProblem } from '@schakel/common';

/** Flattens class-validator's tree into `meetings[0].startsAt`-style field paths. */
export function toFieldProblems(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const own = Object.entries(error.constraints ?? {}).map(([rule, message]) => ({
      field,
      problem: rule === 'whitelistValidation' ? 'is not an allowed field' : message.replace(`${error.property} `, ''),
    }));
    return [...own, ...toFieldProblems(error.children ?? [], field)];
  });
}

/** One global pipe: unknown fields rejected, payloads transformed into their DTO classes. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    stopAtFirstError: true,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const details = toFieldProblems(errors);
      const summary = details.map((d) => `${d.field} ${d.problem}`).join('; ');
      return new DomainException(400, 'common.validation', summary || 'Invalid input', details);
    },
  });
}
