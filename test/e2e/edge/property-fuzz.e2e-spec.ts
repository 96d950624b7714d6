import http from 'node:http';
import fc from 'fast-check';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { startApi, TestApi } from '../../support/app';
import { isolateRun } from '../../support/isolation';
import { operationsOf, requestArbitrary, SchemaArbitraries, type FuzzRequest, type OpenApiDocument, type Operation } from '../../support/openapi-arbitrary';
import { changedTables, RowChanges } from '../../support/row-changes';
import { buildWorld, type World } from '../../factories/two-organisations.factory';
import type { Person } from '../../factories/person.factory';

const RUNS_PER_OPERATION = 200;
/** A stack frame, a source file position or a module path: internals a response must never carry. */
const STACK_TRACE = /\n\s+at\s|\bat\s+\S+\s+\(\S+:\d+:\d+\)|\.(?:ts|js):\d+:\d+|node_modules/;

/**
 * Property-based fuzzing from the OpenAPI document (fast-check): every operation that takes
 * parameters or a body gets RUNS_PER_OPERATION generated requests (schema-shaped, with wrong
 * types, missing and extra fields, nulls, huge and odd unicode strings at every level), sent
 * by a platform admin, an org admin, a learner or nobody. None may answer 5xx or show a stack
 * trace, and a refused request (4xx) must change no row of any table (counted by triggers in
 * the suite's own database, so only its own requests count). A failure prints
 * fast-check's seed and path: `FUZZ_SEED=<seed>` replays the run.
 */
describe('property-based fuzzing from the OpenAPI document', () => {
  let cleanup: () => Promise<void>;
  let api: TestApi;
  let world: World;
  let operations: Operation[];
  let arbitraries: SchemaArbitraries;
  let changes: RowChanges;
  let base: string;
  const keepAlive = new http.Agent({ keepAlive: true, maxSockets: 8 });
  const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

  beforeAll(async () => {
    cleanup = await isolateRun('fuzz');
    api = await startApi();
    world = await buildWorld(api);
    const doc = (await api.http().get('/api/docs-json')).body as OpenApiDocument;
    operations = operationsOf(doc);
    arbitraries = new SchemaArbitraries(doc.components.schemas);
    changes = new RowChanges(api.app.get(DataSource));
    await changes.install();
    // One listening server and kept-alive connections: a fresh ephemeral server per request costs half the run.
    await api.app.listen(0, '127.0.0.1');
    base = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
  }, 120_000);
  afterAll(async () => {
    keepAlive.destroy();
    await api?.close();
    await cleanup?.();
  });

  const knownIds = (w: World): Record<string, string> => ({
    orgId: w.b.organisation.id,
    userId: w.b.learner.user.id,
    courseId: w.b.draft.id,
    lessonId: w.b.draft.lessonIds[0],
    enrolmentId: w.b.onlineEnrolmentId,
    sessionId: w.b.sessionId,
    importId: w.b.importId,
    certificateId: w.b.certificateId,
    orderId: w.b.requestedOrderId,
    invoiceId: w.b.invoiceId,
    eventId: w.b.outboxEventId,
    mailId: w.b.caughtMailId,
    chainRole: 'first-conversation',
  });

  function send(op: Operation, input: FuzzRequest, actor: Person | undefined) {
    let call = request(base)[op.method](input.path).agent(keepAlive);
    if (actor) call = call.set(actor.auth);
    if (input.body === undefined) return call;
    if (input.contentType === 'application/json') return call.set('Content-Type', 'application/json').send(JSON.stringify(input.body));
    return call.set('Content-Type', input.contentType ?? 'text/plain').send(String(input.body));
  }

  const actors = (): Record<string, Person | undefined> => ({ 'platform admin': world.platformAdmin, 'org admin': world.b.admin, learner: world.b.learner, anonymous: undefined });

  /** Runs the property for one operation; `check` sees each answer, and throws to fail it. */
  async function fuzz(op: Operation, check: (status: number) => Promise<void>, before?: () => Promise<void>): Promise<string | undefined> {
    const people = actors();
    const property = fc.asyncProperty(requestArbitrary(op, arbitraries, knownIds(world)), fc.constantFrom(...Object.keys(people)), async (input, who) => {
      await before?.();
      const response = await send(op, input, people[who]);
      const text = response.text ?? '';
      if (response.status >= 500) throw new Error(`answered ${response.status}: ${text.slice(0, 200)}`);
      if (STACK_TRACE.test(text)) throw new Error(`a stack trace in the answer (${response.status}): ${text.slice(0, 300)}`);
      await check(response.status);
    });
    const details = await fc.check(property, { numRuns: RUNS_PER_OPERATION, seed, interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true });
    const name = `${op.method.toUpperCase()} ${op.path}`;
    if (details.failed) return `${name}: ${String(details.errorInstance).slice(0, 400)}\n${fc.defaultReportMessage(details)}`;
    if (details.numRuns < RUNS_PER_OPERATION) return `${name}: only ${details.numRuns} runs`;
    return undefined;
  }

  it('finds the operations in the document', () => {
    expect(operations.length).toBeGreaterThan(60);
    expect(operations.filter((op) => op.method !== 'get').length).toBeGreaterThan(30);
  });

  it(`reads (GET): ${RUNS_PER_OPERATION} generated requests per operation, no 5xx, no stack trace, and no GET changes anything`, async () => {
    const reads = operations.filter((op) => op.method === 'get');
    const failures: string[] = [];
    const queue = [...reads];
    const lane = async () => {
      for (let op = queue.shift(); op; op = queue.shift()) {
        const found = await fuzz(op, async () => undefined);
        if (found) failures.push(found);
      }
    };
    const before = await changes.read();
    await Promise.all([lane(), lane(), lane(), lane()]);
    expect(failures).toEqual([]);
    expect(changedTables(before, await changes.read())).toEqual([]);
  }, 300_000);

  it(`writes: ${RUNS_PER_OPERATION} generated requests per operation, no 5xx, no stack trace, and a refused one (4xx) changes no row`, async () => {
    const writes = operations.filter((op) => op.method !== 'get');
    const failures: string[] = [];
    // The counters after the last refused request are the next request's "before" (nothing else writes meanwhile).
    let last: Record<string, string> | undefined;
    let before: Record<string, string> = {};
    for (const op of writes) {
      const found = await fuzz(
        op,
        async (status) => {
          if (status < 400) {
            last = undefined;
            return;
          }
          last = await changes.read();
          const changed = changedTables(before, last);
          if (changed.length > 0) throw new Error(`refused with ${status} yet changed ${changed.join(', ')}`);
        },
        async () => {
          before = last ?? (await changes.read());
        },
      );
      if (found) failures.push(found);
    }
    expect(failures).toEqual([]);
  }, 300_000);
});
