import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningMemoryServer } from '../src/node.js';
import { aliceKey, bobKey, call, startTestServer, supportKey } from './start.js';

// Random sequences of writes and reads by three keys (two organisations, one key restricted to an app), checked
// against a reference model of who may see what.
const keys = [
  { key: aliceKey, organization: 'acme' },
  { key: supportKey, organization: 'acme', appId: 'support' },
  { key: bobKey, organization: 'globex' },
] as const;
type Key = (typeof keys)[number];

interface ModelRecord {
  id: string;
  organization: string;
  appId?: string;
  user: string;
  text: string;
}

const visible = (key: Key, record: ModelRecord) =>
  record.organization === key.organization && (!('appId' in key) || record.appId === key.appId);

const operation = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), key: fc.nat(2), user: fc.nat(1) }),
  fc.record({ kind: fc.constant('list' as const), key: fc.nat(2), user: fc.nat(1) }),
  fc.record({ kind: fc.constant('get' as const), key: fc.nat(2), record: fc.nat(20) }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.nat(2), record: fc.nat(20) }),
  fc.record({ kind: fc.constant('deleteAll' as const), key: fc.nat(2), user: fc.nat(1) }),
);

describe('tenancy against a reference model', () => {
  let server: RunningMemoryServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('no key ever reads, lists or deletes what the model says it cannot see', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 12 }), async (operations) => {
        run++;
        const model: ModelRecord[] = [];
        const known: ModelRecord[] = []; // every record ever written, deleted or not, for get/delete attempts
        let counter = 0;
        for (const step of operations) {
          const key = keys[step.key]!;
          if (step.kind === 'add' || step.kind === 'list' || step.kind === 'deleteAll') {
            const user = `run${run}-user${step.user}`;
            if (step.kind === 'add') {
              const text = `fact ${run} ${counter++}`;
              const answer = await call(server, 'POST', '/v3/memories/add/', {
                key: key.key,
                body: { messages: text, user_id: user, infer: false, async_mode: false },
              });
              expect(answer.status).toBe(200);
              const id = (answer.body.results as { id: string }[])[0]!.id;
              const record = {
                id,
                organization: key.organization,
                user,
                text,
                ...('appId' in key ? { appId: key.appId } : {}),
              };
              model.push(record);
              known.push(record);
            } else if (step.kind === 'list') {
              const answer = await call(server, 'POST', '/v3/memories/', {
                key: key.key,
                body: { filters: { user_id: user } },
              });
              const texts = (answer.body.results as { memory: string }[]).map((record) => record.memory).sort();
              const expected = model
                .filter((record) => record.user === user && visible(key, record))
                .map((record) => record.text);
              expect(texts).toEqual(expected.sort());
            } else {
              expect((await call(server, 'DELETE', `/v1/memories/?user_id=${user}`, { key: key.key })).status).toBe(
                200,
              );
              for (let index = model.length - 1; index >= 0; index--) {
                if (model[index]!.user === user && visible(key, model[index]!)) model.splice(index, 1);
              }
            }
            continue;
          }
          const target = known[step.record % Math.max(known.length, 1)];
          if (!target) continue;
          const present = model.includes(target) && visible(key, target);
          const method = step.kind === 'get' ? 'GET' : 'DELETE';
          const answer = await call(server, method, `/v1/memories/${target.id}/`, { key: key.key });
          expect(answer.status).toBe(present ? 200 : 404);
          if (step.kind === 'get' && present) expect(answer.body.memory).toBe(target.text);
          if (step.kind === 'delete' && present) model.splice(model.indexOf(target), 1);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('concurrent identical adds through the service store one memory', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        call(server, 'POST', '/v3/memories/add/', {
          key: aliceKey,
          body: { messages: 'I collect stamps.', user_id: 'burst', infer: false, async_mode: false },
        }),
      ),
    );
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    const listed = await call(server, 'POST', '/v3/memories/', {
      key: aliceKey,
      body: { filters: { user_id: 'burst' } },
    });
    expect(listed.body.count).toBe(1);
  });
});
