import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainException, FieldProblem } from '@schakel/common';

const MAX_DEPTH = 32;
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What is wrong with a string no person types and PostgreSQL cannot store as written, if anything. */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain NUL characters';
  if (UNPAIRED_SURROGATE.test(text)) return 'must be well-formed Unicode (no unpaired surrogates)';
  return undefined;
}

/** Every string under `value` (and every key) with a text problem, by field path (`records[0].name`). */
export function unstorableTextFields(value: unknown, path: string, depth = 0): FieldProblem[] {
  if (typeof value === 'string') {
    const problem = textProblem(value);
    return problem ? [{ field: path, problem }] : [];
  }
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => unstorableTextFields(item, `${path}[${i}]`, depth + 1));
  return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => {
    const keyProblem = textProblem(key);
    return [
      ...(keyProblem ? [{ field: path ? `${path}.${JSON.stringify(key)}` : JSON.stringify(key), problem: keyProblem }] : []),
      ...unstorableTextFields(item, path ? `${path}.${key}` : key, depth + 1),
    ];
  });
}

/**
 * Text that no person types and that breaks what reads it: U+0000 (PostgreSQL cannot store it;
 * the statement failed, which used to be a 500) and unpaired UTF-16 surrogates, which JSON
 * can carry as `\ud800` (validator's isEmail throws URIError on them, and PostgreSQL would
 * store U+FFFD instead). Every body, query and path value carrying either is a 400 naming the
 * field. Runs before the validation pipe, on the raw input.
 */
@Injectable()
export class RejectUnstorableTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const root = metadata.type === 'body' ? '' : (metadata.data ?? '');
    const fields = unstorableTextFields(value, root);
    if (fields.length === 0) return value;
    const details: FieldProblem[] = fields.slice(0, 20).map(({ field, problem }) => ({ field: field || metadata.type, problem }));
    throw new DomainException(400, 'common.validation', details.map((d) => `${d.field} ${d.problem}`).join('; '), details);
  }
}
