/**
 * fast-check arbitraries from an OpenAPI document: for each operation, requests that mostly
 * follow its schema (so they reach the services and the database) with, at every level, a
 * chance of the hostile thing instead: a wrong type, null, a missing or extra field, a huge
 * or odd unicode string, a NUL byte.
 */
import fc from 'fast-check';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  nullable?: boolean;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

interface OperationObject {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Partial<Record<Method | 'parameters', OperationObject>>>;
  components: { schemas: Record<string, Schema> };
}

export interface Operation {
  method: Method;
  /** As the document names it: `/api/sessions/{sessionId}`. */
  path: string;
  parameters: Parameter[];
  bodySchema?: Schema;
  bodyType?: string;
}

export interface FuzzRequest {
  path: string;
  body?: unknown;
  contentType?: string;
}

const METHODS: Method[] = ['get', 'post', 'put', 'patch', 'delete'];

/** The operations that take anything: parameters or a request body. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => {
      const operation = item[method];
      if (!operation) return [];
      const [bodyType, media] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
      return [{ method, path, parameters: operation.parameters ?? [], bodySchema: media?.schema ?? (bodyType ? {} : undefined), bodyType }];
    }),
  ).filter((op) => op.parameters.length > 0 || op.bodyType);
}

/** Strings an attacker or an unlucky client sends. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '../../etc/passwd', "' OR 1=1 --", '<script>alert(1)</script>', '%00', '\uFEFF', '\uD800', 'Łukasz Şahin Doğan ij', '🤝'.repeat(300)),
  fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n)),
);

/** Any JSON value, including null, and nothing like what was asked. */
const junk: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  hostileString,
  fc.oneof(fc.integer(), fc.double(), fc.constantFrom(-1, 0, 2 ** 31, 2 ** 53 + 1, -(2 ** 63), 1e308)),
  fc.boolean(),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

export class SchemaArbitraries {
  constructor(private readonly schemas: Record<string, Schema>) {}

  /** Usually a value of the schema, sometimes junk (one in six at every level). */
  value(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
    if (!schema || depth > 6) return junk;
    return fc.oneof({ arbitrary: this.typed(schema, depth), weight: 5 }, { arbitrary: junk, weight: 1 });
  }

  private resolve(schema: Schema): Schema {
    if (schema.$ref) return this.resolve(this.schemas[schema.$ref.split('/').pop() as string] ?? {});
    if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => this.resolve(s)), { ...schema, allOf: undefined });
    return schema;
  }

  private typed(raw: Schema, depth: number): fc.Arbitrary<unknown> {
    const schema = this.resolve(raw);
    if (schema.enum) return fc.oneof(fc.constantFrom(...schema.enum), hostileString);
    if (schema.type === 'object' || schema.properties) return this.object(schema, depth);
    if (schema.type === 'array') return fc.array(this.value(schema.items, depth + 1), { maxLength: 6 });
    if (schema.type === 'integer' || schema.type === 'number') {
      const min = schema.minimum ?? -1_000;
      const max = schema.maximum ?? 1_000_000;
      return fc.oneof(fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), fc.constantFrom(min - 1, max + 1, 0.5, -0), fc.double());
    }
    if (schema.type === 'boolean') return fc.oneof(fc.boolean(), fc.constantFrom('true', 1));
    if (schema.format === 'uuid') return fc.oneof(fc.uuid(), hostileString);
    if (schema.format === 'date-time' || schema.format === 'date') {
      return fc.oneof(fc.date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2200-01-01') }).map((d) => d.toISOString()), hostileString);
    }
    if (schema.format === 'email') return fc.oneof(fc.emailAddress(), hostileString);
    if (schema.type === 'string') return fc.oneof(fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 200) }), hostileString);
    return junk;
  }

  /** Each property optional (missing fields), sometimes with fields nobody asked for. */
  private object(schema: Schema, depth: number): fc.Arbitrary<unknown> {
    const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, s]) => [key, this.value(s, depth + 1)]));
    const requiredKeys = (schema.required ?? []).filter((key) => key in properties);
    const record = fc.oneof(fc.record(properties, { requiredKeys }), fc.record(properties, { requiredKeys: [] }));
    const extra = fc.dictionary(fc.constantFrom('isPlatformAdmin', 'id', '__proto__', 'constructor', 'organisationId', 'role', 'x'), junk, { maxKeys: 2 });
    return fc.oneof({ arbitrary: record, weight: 4 }, { arbitrary: fc.tuple(record, extra).map(([r, e]) => ({ ...(r as object), ...e })), weight: 1 });
  }
}

/** Percent-encodes the UTF-8 bytes (a URL cannot carry an unpaired surrogate: it becomes U+FFFD, as in a browser). */
const encodeSegment = (text: string) =>
  [...Buffer.from(text, 'utf8')].map((byte) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`)).join('');

/**
 * One request for the operation: path parameters from `knownIds` (a real record, so the
 * request gets past the lookup) or anything else, query parameters from their schemas or
 * junk, the body from its schema.
 */
export function requestArbitrary(op: Operation, arbitraries: SchemaArbitraries, knownIds: Record<string, string>): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const pathValues = fc.record(
    Object.fromEntries(
      pathParams.map((p) => [
        p.name,
        fc.oneof({ arbitrary: fc.constant(knownIds[p.name] ?? '00000000-0000-4000-8000-000000000000'), weight: 3 }, { arbitrary: fc.uuid(), weight: 1 }, { arbitrary: hostileString, weight: 2 }),
      ]),
    ),
  );
  const queryValues = fc.record(
    Object.fromEntries(queryParams.map((p) => [p.name, arbitraries.value(p.schema).map((v) => (typeof v === 'string' ? v : JSON.stringify(v) ?? ''))])),
    { requiredKeys: [] },
  );
  const body: fc.Arbitrary<unknown> = op.bodyType === 'application/json' ? arbitraries.value(op.bodySchema) : op.bodyType ? hostileString : fc.constant(undefined);
  return fc.record({ pathValues, queryValues, body }).map(({ pathValues: pv, queryValues: qv, body: b }) => {
    const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeSegment((pv as Record<string, string>)[name] ?? ''));
    const query = new URLSearchParams(qv as Record<string, string>).toString();
    return { path: query ? `${path}?${query}` : path, body: b, contentType: op.bodyType };
  });
}
