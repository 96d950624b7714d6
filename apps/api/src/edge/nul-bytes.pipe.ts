import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainException, FieldProblem } from '@schakel/common';

const MAX_DEPTH = 32;

/** Field paths (`records[0].name`) of every string under `value` that holds a NUL byte. */
export function nulByteFields(value: unknown, path: string, depth = 0): string[] {
  if (typeof value === 'string') return value.includes('\u0000') ? [path] : [];
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => nulByteFields(item, `${path}[${i}]`, depth + 1));
  return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => [
    ...(key.includes('\u0000') ? [path ? `${path}.${JSON.stringify(key)}` : JSON.stringify(key)] : []),
    ...nulByteFields(item, path ? `${path}.${key}` : key, depth + 1),
  ]);
}

/**
 * PostgreSQL cannot store U+0000 in text (the statement fails, which used to be a 500), and
 * no person types one: every body, query and path value carrying one is a 400 naming the field.
 * Runs before the validation pipe, on the raw input.
 */
@Injectable()
export class RejectNulBytesPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const root = metadata.type === 'body' ? '' : (metadata.data ?? '');
    const fields = nulByteFields(value, root);
    if (fields.length === 0) return value;
    const details: FieldProblem[] = fields.slice(0, 20).map((field) => ({ field: field || metadata.type, problem: 'must not contain NUL characters' }));
    throw new DomainException(400, 'common.validation', details.map((d) => `${d.field} ${d.problem}`).join('; '), details);
  }
}
