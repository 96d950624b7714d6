import { isUuid } from './uuid';

/**
 * `id` as an SQL literal, for the few statements sent as one simple query (several statements
 * in one round trip take no parameters): checked to be a UUID first, so nothing else can get
 * into the text; anything else throws.
 */
export function uuidLiteral(id: string): string {
  if (!isUuid(id)) throw new Error(`not a UUID: ${JSON.stringify(id).slice(0, 60)}`);
  return `'${id}'`;
}
