import { registerDecorator, ValidationOptions } from 'class-validator';

/** True for names the runtime's IANA database knows ('Europe/Amsterdam'), false for anything else. */
export function isIanaTimezone(value: unknown): boolean {
  if (typeof value !== 'string' || !value.includes('/') && value !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export function IsIanaTimezone(options?: ValidationOptions): PropertyDecorator {
  return (target: object, propertyName: string | symbol) =>
    registerDecorator({
      name: 'isIanaTimezone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be an IANA time zone such as Europe/Amsterdam', ...options },
      validator: { validate: isIanaTimezone },
    });
}
