// Hostile and odd input over real HTTP (issue 7), as property-based tests: the server (src/index.ts)
// in local mode on temporary files, sent arbitrary JSON, activity-shaped objects with fields of the
// wrong type, garbage bytes, wrong content types and encodings, deep and huge bodies, and bodies over
// the size limit. Every answer is under 500; an accepted message gets a reply; the server logs no
// failed turn and no uncaught exception; afterwards it still answers /healthz and a normal message,
// the store is byte for byte as it was (no confirmation was ever sent), and SIGTERM stops it with 0.
//
// A second server is sent card payloads (a message's `value`, an Action.Execute's data): those are
// audited as refused, so there only the audit log may grow, and only with refusals.
//
// The product bugs these properties found are fixed; each keeps a property of its own at the end, on
// a third server, replaying the counterexample fast-check found.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { StoreData } from '../../src/domain/schema.ts';
import { startServerProcess, type ServerProcess } from '../support/httpBot.ts';

type Json = Record<string, any>;

/** Properties run many turns: a generous time limit, for a machine busy running the other tests too. */
const SLOW = 120_000;

const ENTRY = 'src/index.ts';
const MAX_BODY_KB = 256;
const LIMIT = MAX_BODY_KB * 1024;
const DEMO_TENANT = '7d3c9a52-5f1e-4b8a-9c2d-1e0f3a4b5c6d';
const NORTH_TENANT = '2b8e4f61-3c7d-4a9e-8f10-6a5b4c3d2e1f';
/** What the server must never print: a turn that failed, an exception that escaped, a 5xx. */
const BAD_LOG = /unhandled turn error|turn failed|Uncaught exception|Unhandled rejection|failed: |the change was saved, but not/;

// ---- a raw HTTP client (node:http, so that headers, bytes and chunking are exactly as given) ----

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json?: any;
}

/** POSTs `body` as given; an array of chunks goes out chunked, with no Content-Length. */
function post(url: string, body: string | Buffer | Buffer[], headers: Record<string, string> = {}, path = '/api/messages'): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: 'POST', headers, timeout: 15_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: any;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    if (Array.isArray(body)) {
      for (const chunk of body) req.write(chunk);
      req.end();
    } else req.end(body);
  });
}

const postJson = (url: string, body: string, headers: Record<string, string> = {}) => post(url, body, { 'content-type': 'application/json', ...headers });

/** A fake channel: answers every reply the bot posts to its serviceUrl (normal delivery), and counts them. */
async function startChannel(): Promise<{ url: string; received: () => number; close: () => Promise<void> }> {
  let received = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: randomUUID() }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received: () => received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// ---- the server under test ----

const dirs: string[] = [];
const servers: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop('SIGKILL')));
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function startBot() {
  const dir = await mkdtemp(join(tmpdir(), 'access-hostile-'));
  dirs.push(dir);
  const storeFile = join(dir, 'store.json');
  const server = await startServerProcess(ENTRY, {
    DATA_FILE: storeFile,
    CONVERSATIONS_FILE: join(dir, 'conversations.json'),
    MAX_BODY_KB: String(MAX_BODY_KB),
  });
  servers.push(server);
  let logged = server.output().length;
  return {
    server,
    storeFile,
    /** What the server printed since the last call. */
    newOutput() {
      const out = server.output().slice(logged);
      logged = server.output().length;
      return out;
    },
  };
}
type Bot = Awaited<ReturnType<typeof startBot>>;

/** Lets the server's last log lines arrive (they come down a pipe, and may trail the HTTP answer). */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

function expectCleanLog(bot: Bot) {
  const out = bot.newOutput();
  const bad = out.split('\n').filter((line) => BAD_LOG.test(line));
  if (bad.length) throw new Error(`the server logged:\n${bad.slice(0, 5).join('\n')}\n…\n${out.slice(0, 3000)}`);
}

/** Under 500, or 501 Not Implemented for an invoke the assistant does not offer (any but adaptiveCard/action). */
function expectAnswered(status: number, body: Json) {
  const unoffered = isObject(body) && body.type === 'invoke' && body.name !== 'adaptiveCard/action';
  if (unoffered && status === 501) return;
  expect(status).toBeLessThan(500);
}

/** The server still works: /healthz, and a normal message answered with the first step. */
async function expectStillServing(bot: Bot) {
  const health = await fetch(`${bot.server.url}/healthz`);
  expect(health.status).toBe(200);
  expect(await health.json()).toEqual({ status: 'ok' });
  const answer = await postJson(bot.server.url, JSON.stringify(activity({ text: 'add a user' })));
  expect(answer.status).toBe(200);
  expect(JSON.stringify(answer.json.activities)).toContain('Which client company?');
}

// ---- activities ----

function activity(overrides: Json = {}): Json {
  return {
    type: 'message',
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'emulator',
    serviceUrl: 'http://localhost',
    conversation: { id: `hostile-${randomUUID()}` },
    from: { id: 'demo-owner', name: 'Claire Martin' },
    recipient: { id: 'access-assistant', name: 'Access Assistant' },
    locale: 'en-GB',
    text: 'hello',
    deliveryMode: 'expectReplies',
    ...overrides,
  };
}

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown) => typeof value === 'string' && value.length > 0;

/** What the server documents it refuses with a 400 (src/bot/activitySchema.ts), restated: undefined when acceptable. */
function documentedProblem(body: unknown): string | undefined {
  if (!isObject(body)) return 'not an object';
  if (!isText(body.type)) return 'type';
  if (!isText(body.channelId)) return 'channelId';
  if (!isObject(body.conversation) || !isText(body.conversation.id)) return 'conversation.id';
  if (!isObject(body.from) || !isText(body.from.id)) return 'from.id';
  if (!isObject(body.recipient) || !isText(body.recipient.id)) return 'recipient.id';
  if (!isText(body.serviceUrl) && body.deliveryMode !== 'expectReplies') return 'serviceUrl';
  if (body.text !== undefined && body.text !== null && typeof body.text !== 'string') return 'text';
  return undefined;
}


/** Half of a surrogate pair on its own: encodeURIComponent throws on it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// ---- arbitraries ----

const SNIPPETS = [
  '😀', '👩‍👩‍👧‍👦', '🇫🇷', 'مرحبا بالعالم', 'שלום עולם', '\u202E', '\u200F', '\uFEFF', '\u0000', '\u0007', '\r\n', '\u2028', 'e\u0301',
  '\uD800', '<at>Access Assistant</at>', '{{limit}}', '$t(errors.unexpected)', '<script>alert(1)</script>', "'; DROP TABLE grants; --",
  '__proto__', 'constructor', 'help', 'add a user', 'who has access', 'cancel', 'Dupont', ' ',
];
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 15 }),
  fc.array(fc.constantFrom(...SNIPPETS), { maxLength: 5 }).map((p) => p.join('')),
  fc.tuple(fc.constantFrom('x', 'é', '😀', 'ش'), fc.integer({ min: 450, max: 5000 })).map(([c, n]) => c.repeat(n)),
);
/** An own "__proto__" / "constructor" key, as JSON.parse leaves it. */
const polluting = fc
  .tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.constantFrom('polluted', 'isAdmin', 'type', 'id', 'serviceUrl'), fc.jsonValue({ maxDepth: 1 }))
  .map(([outer, key, value]) => JSON.parse(`{${JSON.stringify(outer)}:{${JSON.stringify(key)}:${JSON.stringify(value)}}}`) as unknown);
const weird: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: hostileText },
  { weight: 1, arbitrary: polluting },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      null, true, false, 0, -1, 1.5, 1e308, '', ' ', 'null', [], {}, [null], [[]], { id: null }, { id: 5 }, { id: {} }, { $ne: null },
      'http://127.0.0.1:1', 'file:///etc/passwd', 'javascript:alert(1)', 'x'.repeat(10_000),
    ),
  },
);

/** Attachments shaped like a file sent (Teams' download info, a CSV by link or data: URL), their fields odd. */
const fileAttachments = fc.array(
  fc.record(
    {
      contentType: fc.oneof(fc.constantFrom('application/vnd.microsoft.teams.file.download.info', 'text/csv', 'image/png'), weird),
      name: fc.oneof(fc.constantFrom('clients.csv', 'clients.xlsx', ''), weird),
      contentUrl: fc.oneof(fc.constantFrom('data:text/csv;base64,TmFtZQpBdGVsaWVyIEJydW4K', 'data:,', 'data:text/csv;base64,%%%', 'file:///etc/passwd', 'http://127.0.0.1:1/x.csv'), weird),
      content: fc.oneof(fc.record({ downloadUrl: fc.oneof(fc.constantFrom('http://127.0.0.1:1/x.csv', 'file:///etc/passwd', 'data:,Name'), weird), fileType: fc.oneof(fc.constant('csv'), weird) }), weird),
    },
    { requiredKeys: [] },
  ),
  { maxLength: 2 },
);

const ACTIVITY_TYPES = [
  'message', 'message', 'message', 'conversationUpdate', 'invoke', 'event', 'typing', 'messageReaction', 'messageUpdate', 'messageDelete',
  'installationUpdate', 'endOfConversation', 'contactRelationUpdate', 'deleteUserData', 'handoff', 'trace', 'command', 'suggestion', 'MESSAGE', 'nonsense',
];

/** Fields (dotted paths) to set to something odd, with what to set them to. */
const FIELD_VALUES: Record<string, fc.Arbitrary<unknown>> = {
  type: fc.oneof(fc.constantFrom(...ACTIVITY_TYPES), weird),
  text: fc.oneof(hostileText, weird),
  channelId: fc.oneof(fc.constantFrom('msteams', 'emulator', 'webchat', 'directline', 'test', ''), weird),
  conversation: weird,
  'conversation.id': fc.oneof(hostileText, weird),
  'conversation.tenantId': fc.oneof(fc.constantFrom(DEMO_TENANT, NORTH_TENANT, 'unknown-tenant'), weird),
  'conversation.isGroup': weird,
  from: weird,
  'from.id': fc.oneof(fc.constantFrom('demo-owner', 'demo-admin', 'north-admin', 'user-1', 'access-assistant'), hostileText, weird),
  'from.aadObjectId': fc.oneof(fc.uuid(), weird),
  'from.role': fc.oneof(fc.constantFrom('user', 'bot', 'skill'), weird),
  'from.name': weird,
  recipient: weird,
  'recipient.id': fc.oneof(fc.constantFrom('access-assistant', 'demo-owner'), weird),
  deliveryMode: fc.oneof(fc.constantFrom('expectReplies', 'normal', 'notification', 'ephemeral', 'EXPECTREPLIES'), weird),
  serviceUrl: weird,
  locale: fc.oneof(fc.constantFrom('fr-FR', 'fr', 'en', 'de-DE', 'xx', 'fr-FR-u-ca-gregory', ''), hostileText, weird),
  entities: fc.oneof(
    fc.array(
      fc.record(
        { type: fc.oneof(fc.constantFrom('mention', 'Mention', 'clientInfo'), weird), mentioned: fc.oneof(fc.record({ id: fc.constantFrom('access-assistant', 'x') }), weird), text: weird },
        { requiredKeys: ['type'] },
      ),
      { maxLength: 3 },
    ),
    weird,
  ),
  channelData: weird,
  'channelData.tenant': weird,
  'channelData.tenant.id': fc.oneof(fc.constantFrom(DEMO_TENANT, NORTH_TENANT, 'unknown-tenant'), weird),
  'channelData.eventType': fc.oneof(fc.constantFrom('teamMemberAdded', 'teamRenamed', 'channelCreated', 'teamDeleted'), weird),
  'channelData.team': weird,
  attachments: fc.oneof(weird, fileAttachments),
  id: weird,
  timestamp: weird,
  localTimestamp: weird,
  replyToId: weird,
  membersAdded: fc.oneof(fc.constant([{ id: 'access-assistant' }]), weird),
  membersRemoved: weird,
  reactionsAdded: weird,
  name: fc.oneof(fc.constantFrom('adaptiveCard/action'), weird),
  textFormat: weird,
  speak: weird,
  suggestedActions: weird,
  relatesTo: weird,
  callerId: weird,
  action: weird,
  constructor: weird,
};
// "__proto__" cannot be a key of an object literal (it sets the prototype): it gets a polluting value.
const FIELD_NAMES = [...Object.keys(FIELD_VALUES), '__proto__'];
const valuesFor = (path: string) => (Object.hasOwn(FIELD_VALUES, path) ? FIELD_VALUES[path] : polluting);
const mutation = fc
  .constantFrom(...FIELD_NAMES)
  .chain((path) => fc.tuple(fc.constant(path), fc.option(valuesFor(path), { nil: undefined, freq: 6 })));

/** Sets (or, for undefined, deletes) a dotted path, creating own properties even for "__proto__". */
function setPath(target: Json, path: string, value: unknown) {
  const keys = path.split('.');
  let node: any = target;
  for (const key of keys.slice(0, -1)) {
    if (!isObject(node[key]) || !Object.hasOwn(node, key)) return; // the parent was replaced by something odd
    node = node[key];
  }
  const last = keys.at(-1)!;
  if (value === undefined) delete node[last];
  else Object.defineProperty(node, last, { value, enumerable: true, writable: true, configurable: true });
}

function mutated(mutations: Array<[string, unknown]>, base: Json): Json {
  const body = structuredClone(base);
  for (const [path, value] of mutations) setPath(body, path, value);
  return body;
}

// ---- the properties ----

describe('hostile HTTP: a server sent no card payloads, so its store must stay byte-identical', { timeout: SLOW }, () => {
  let bot: Bot;
  let channel: Awaited<ReturnType<typeof startChannel>>;
  let storeBefore: Buffer;
  let journalBefore: Buffer;

  beforeAll(async () => {
    channel = await startChannel();
    bot = await startBot();
    storeBefore = await readFile(bot.storeFile);
    journalBefore = await journalOf(bot.storeFile);
    expectCleanLog(bot);
  });
  afterAll(async () => {
    await channel.close();
  });

  it('answers any JSON body with a status under 500, and a body that is not an object with 400', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (body) => {
        const answer = await postJson(bot.server.url, JSON.stringify(body) ?? 'null');
        expect(answer.status).toBeLessThan(500);
        if (documentedProblem(body)) expect(answer.status).toBe(400);
        expectCleanLog(bot);
      }),
      { numRuns: 150 },
    );
    // A log line that trailed its answer would have been checked with the next run, or not at all.
    await settle();
    expectCleanLog(bot);
  });

  it('answers activity-shaped bodies with fields of the wrong type under 500; an accepted message gets a reply', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.boolean(), async (mutations, expectReplies) => {
        const base = activity(expectReplies ? {} : { deliveryMode: undefined, serviceUrl: channel.url });
        const body = mutated(mutations, base);
        // Normal delivery posts the replies to serviceUrl: only to the fake channel, which answers.
        fc.pre(body.deliveryMode === 'expectReplies' || body.serviceUrl === channel.url || !!documentedProblem(body));
        const answer = await postJson(bot.server.url, JSON.stringify(body));
        expectAnswered(answer.status, body);
        if (documentedProblem(body)) expect(answer.status).toBe(400);
        if (answer.status === 200 && body.deliveryMode === 'expectReplies') {
          const replies: Json[] = answer.json?.activities ?? [];
          for (const reply of replies.filter((r) => r.type === 'invokeResponse')) expectAnswered(reply.value?.status, body);
          if (body.type === 'message') expect(replies.length).toBeGreaterThan(0);
        }
        expectCleanLog(bot);
      }),
      { numRuns: 300 },
    );
    // A log line that trailed its answer would have been checked with the next run, or not at all.
    await settle();
    expectCleanLog(bot);
  });

  it('answers garbage bytes, invalid UTF-8, and wrong content types or encodings with a status under 500', async () => {
    const bodies = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }).map((bytes) => ({ label: `${bytes.length} random bytes`, bytes: Buffer.from(bytes) })),
      fc.uint8Array({ minLength: 1, maxLength: 8 }).map((bad) => {
        const json = JSON.stringify(activity({ text: 'SPLIT' }));
        const [head, tail] = json.split('SPLIT');
        return { label: `invalid UTF-8 ${Buffer.from(bad).toString('hex')} in the text`, bytes: Buffer.concat([Buffer.from(head), Buffer.from(bad), Buffer.from(tail)]) };
      }),
      fc.constantFrom('utf16le', 'latin1').map((encoding) => ({
        label: `an activity in ${encoding}`,
        bytes: Buffer.from(JSON.stringify(activity({ text: 'café 😀' })), encoding as BufferEncoding),
      })),
      fc.constant({ label: 'a BOM before the activity', bytes: Buffer.from(`\uFEFF${JSON.stringify(activity())}`) }),
      fc.constant({ label: 'form data', bytes: Buffer.from('type=message&text=hello') }),
      fc.constant({ label: 'a valid activity', bytes: Buffer.from(JSON.stringify(activity())) }),
      fc.constant({ label: 'a gzipped activity', bytes: gzipSync(JSON.stringify(activity())) }),
      fc.constant({ label: 'a gzipped activity, said so', bytes: gzipSync(JSON.stringify(activity())), encoding: 'gzip' }),
    );
    const contentType = fc.option(
      fc.oneof(
        fc.constantFrom(
          'application/json', 'application/json; charset=utf-8', 'application/json; charset=latin1', 'application/json; charset=utf-16',
          'application/json;;;charset="x', 'text/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x',
          'multipart/form-data', 'application/octet-stream', 'application/vnd.api+json', 'application/xml', '*/*', '', 'json',
        ),
        // Printable ASCII only: a header value cannot carry the rest.
        fc.string({ maxLength: 30 }).filter((s) => /^[\x20-\x7e]*$/.test(s)),
      ),
      { nil: undefined },
    );
    // "gzip" only on a body that is valid gzip: anything else claiming gzip is a known bug (K7, K8 below).
    const encoding = fc.option(fc.constantFrom('identity', 'deflate', 'br', 'compress', 'x-garbage', 'gzip, deflate'), { nil: undefined, freq: 3 });
    await fc.assert(
      fc.asyncProperty(bodies, contentType, encoding, async (body, type, contentEncoding) => {
        const { bytes } = body;
        const headers: Record<string, string> = {};
        if (type !== undefined) headers['content-type'] = type;
        if (contentEncoding !== undefined) headers['content-encoding'] = contentEncoding;
        if ('encoding' in body) headers['content-encoding'] = body.encoding;
        const answer = await post(bot.server.url, bytes, headers);
        expect(answer.status).toBeLessThan(500);
        expectCleanLog(bot);
      }),
      { numRuns: 150 },
    );
    // A log line that trailed its answer would have been checked with the next run, or not at all.
    await settle();
    expectCleanLog(bot);
  });

  it('answers deep and huge JSON (10,000 levels of "[", deep or huge fields) with a status under 500', async () => {
    const shapes = fc.oneof(
      fc.integer({ min: 1_000, max: 120_000 }).map((depth) => ({ label: `${depth} × "[" unclosed`, text: '['.repeat(depth) })),
      fc.integer({ min: 1_000, max: 120_000 }).map((depth) => ({ label: `${depth} nested arrays`, text: `${'['.repeat(depth)}${']'.repeat(depth)}` })),
      fc.integer({ min: 1_000, max: 40_000 }).map((depth) => ({ label: `${depth} nested objects`, text: `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}` })),
      fc
        .tuple(fc.constantFrom('channelData', 'text', 'conversation', 'from', 'attachments', 'suggestedActions', 'relatesTo'), fc.integer({ min: 1_000, max: 100_000 }))
        .map(([field, depth]) => ({ label: `${field}: ${depth} nested arrays`, text: withRaw(field, `${'['.repeat(depth)}${']'.repeat(depth)}`) })),
      fc
        .tuple(fc.constantFrom('channelData', 'from', 'attachments'), fc.integer({ min: 1_000, max: 40_000 }))
        .map(([field, depth]) => ({ label: `${field}: ${depth} nested objects`, text: withRaw(field, `${'{"id":'.repeat(depth)}"x"${'}'.repeat(depth)}`) })),
      fc
        .tuple(fc.constantFrom('channelData', 'attachments', 'membersRemoved'), fc.integer({ min: 10_000, max: 120_000 }))
        .map(([field, length]) => ({ label: `${field}: an array of ${length} numbers`, text: withRaw(field, `[${'1,'.repeat(length)}1]`) })),
      fc.integer({ min: 10_000, max: 250_000 }).map((length) => ({ label: `a text of ${length} characters`, text: JSON.stringify(activity({ text: 'y'.repeat(length) })) })),
    );
    await fc.assert(
      // Printed by its label in a counterexample, not as the megabytes of text it is.
      fc.asyncProperty(shapes.map((shape) => Object.assign(shape, { [fc.toStringMethod]: () => shape.label })), async ({ text }) => {
        const answer = await postJson(bot.server.url, text);
        expect(answer.status).toBeLessThan(500);
        if (Buffer.byteLength(text) > LIMIT) expect(answer.status).toBe(413);
        expectCleanLog(bot);
      }),
      { numRuns: 40 },
    );
    // A log line that trailed its answer would have been checked with the next run, or not at all.
    await settle();
    expectCleanLog(bot);
  });

  it(`refuses a body over MAX_BODY_KB (${MAX_BODY_KB} KB) with 413, with or without Content-Length, and accepts one at the limit`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.integer({ min: LIMIT - 64, max: LIMIT + 64 }), fc.integer({ min: LIMIT + 1, max: 4 * 1024 * 1024 })),
        fc.boolean(),
        fc.boolean(),
        async (size, chunked, json) => {
          const body = json ? padded(activity(), size) : Buffer.alloc(size, 'z');
          expect(body.length).toBe(size);
          const chunks = chunked ? Array.from({ length: Math.ceil(size / 65_536) }, (_, i) => body.subarray(i * 65_536, (i + 1) * 65_536)) : body;
          const answer = await post(bot.server.url, chunks, { 'content-type': 'application/json' });
          if (size > LIMIT) expect(answer.status).toBe(413);
          else if (json) expect(answer.status).toBe(200);
          else expect(answer.status).toBe(400);
          expectCleanLog(bot);
        },
      ),
      { numRuns: 30 },
    );
    // A log line that trailed its answer would have been checked with the next run, or not at all.
    await settle();
    expectCleanLog(bot);
  });

  it('after all that: still answers /healthz and a normal message, the store is byte-identical, and SIGTERM exits 0', async () => {
    await expectStillServing(bot);
    expectCleanLog(bot);
    expect((await readFile(bot.storeFile)).equals(storeBefore)).toBe(true);
    expect((await journalOf(bot.storeFile)).equals(journalBefore)).toBe(true);
    expect(await bot.server.stop('SIGTERM')).toBe(0);
    expect((await readFile(bot.storeFile)).equals(storeBefore)).toBe(true);
  });
});

describe('hostile HTTP: card payloads are refused and audited, and nothing else in the store changes', { timeout: SLOW }, () => {
  let bot: Bot;
  let before: StoreData;
  let unstampedSent = 0;

  beforeAll(async () => {
    bot = await startBot();
    before = JSON.parse(await readFile(bot.storeFile, 'utf8')) as StoreData;
    expectCleanLog(bot);
  });

  /** Every new conversation rests at the welcome ('idle', seq 0), its cards stamped for the sender. */
  const STAMP: Array<[string, unknown]> = [['v', 1], ['seq', 0], ['step', 'idle'], ['for', 'demo-owner']];
  const payloadKey = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('v', 'seq', 'step', 'for', 'event', 'textInput', 'text', 'toggleSet', 'perm:purchases.view', '__proto__', 'constructor', 'prototype') },
    { weight: 1, arbitrary: fc.string({ maxLength: 10 }) },
  );
  const EVENT_TYPES = ['START', 'TEXT', 'PICK_COMPANY', 'PICK_PERSON', 'PICK_ROLE', 'CONFIRM', 'SAVE_ROLE', 'COMMITTED', 'ROLE_SAVED', 'SET_PERMISSIONS', 'BACK', 'CANCEL'];
  const event = fc.record(
    {
      type: fc.oneof(fc.constantFrom(...EVENT_TYPES), weird),
      mode: fc.oneof(fc.constantFrom('add', 'edit', 'remove'), weird),
      companyId: fc.oneof(fc.constantFrom('co-cafe-etoile', 'co-north-brasserie-beffroi', 'nowhere'), weird),
      roleId: fc.oneof(fc.constantFrom('client-management.business-owner', 'custom-north-releves'), weird),
      result: weird,
    },
    { requiredKeys: ['type'] },
  );
  /** [entries of the payload object, or a whole value that is not an object]. */
  const payload = fc.oneof(
    weird.map((whole) => ({ whole })),
    fc.record({ stamped: fc.boolean(), entries: fc.array(fc.tuple(payloadKey, fc.oneof(weird, event)), { maxLength: 4 }) }),
  );
  const jsonOf = (p: { whole?: unknown; stamped?: boolean; entries?: Array<[string, unknown]> }) =>
    'whole' in p
      ? (JSON.stringify(p.whole) ?? 'null')
      : `{${[...(p.stamped ? STAMP : []), ...p.entries!].map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v) ?? 'null'}`).join(',')}}`;
  const isUnstamped = (json: string) => {
    const value = JSON.parse(json);
    return value !== null && (!isObject(value) || !Object.hasOwn(value, 'v') || value.v !== 1);
  };

  it('answers any card payload, as a message value or as Action.Execute data, politely and under 500', async () => {
    await fc.assert(
      fc.asyncProperty(payload, fc.constantFrom('message', 'invoke'), async (p, via) => {
        const data = jsonOf(p);
        const envelope =
          via === 'message'
            ? activity({ text: undefined, value: 'DATA' })
            : activity({ type: 'invoke', name: 'adaptiveCard/action', text: undefined, value: { action: { type: 'Action.Execute', verb: 'x', data: 'DATA' } } });
        const answer = await postJson(bot.server.url, JSON.stringify(envelope).replace('"DATA"', () => data));
        expect(answer.status).toBe(200);
        const replies: Json[] = answer.json.activities;
        expect(replies.length).toBeGreaterThan(0);
        if (via === 'invoke') expect(replies.filter((r) => r.type === 'invokeResponse').map((r) => r.value.status)).toEqual([200]);
        if (isUnstamped(data) || (via === 'invoke' && data === 'null')) {
          unstampedSent++;
          expect(JSON.stringify(replies)).toContain("wasn't one I offered");
        }
        expectCleanLog(bot);
      }),
      { numRuns: 200 },
    );
    // A log line that trailed its answer would have been checked with the next run, or not at all.
    await settle();
    expectCleanLog(bot);
  });

  it('answers a card payload nested 100,000 deep, or an array of 100,000 items, under 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1_000, max: 120_000 }), fc.constantFrom('arrays', 'objects', 'long array'), async (size, shape) => {
        const raw =
          shape === 'arrays' ? `${'['.repeat(size)}${']'.repeat(size)}`
          : shape === 'objects' ? `${'{"v":'.repeat(Math.min(size, 40_000))}1${'}'.repeat(Math.min(size, 40_000))}`
          : `[${'{},'.repeat(Math.min(size, 80_000))}{}]`;
        const answer = await postJson(bot.server.url, JSON.stringify(activity({ text: undefined, value: 'DATA' })).replace('"DATA"', () => raw));
        expect(answer.status).toBe(200);
        expect(JSON.stringify(answer.json.activities)).toContain("wasn't one I offered");
        unstampedSent++;
        expectCleanLog(bot);
      }),
      { numRuns: 15 },
    );
    // A log line that trailed its answer would have been checked with the next run, or not at all.
    await settle();
    expectCleanLog(bot);
  });

  it('after all that: nothing polluted, still serving; only refusals were audited; SIGTERM exits 0', async () => {
    // Were Object.prototype polluted with `v`, `value` or `event`, these would not be answered as usual.
    const empty = await postJson(bot.server.url, JSON.stringify(activity({ text: undefined, value: {} })));
    expect(JSON.stringify(empty.json.activities)).toContain("wasn't one I offered");
    unstampedSent++;
    await expectStillServing(bot);
    expectCleanLog(bot);
    expect(await bot.server.stop('SIGTERM')).toBe(0);

    const after = JSON.parse(await readFile(bot.storeFile, 'utf8')) as StoreData;
    const withoutAudit = (store: StoreData) => store.practices.map(({ audit: _audit, ...rest }) => rest);
    expect(withoutAudit(after)).toEqual(withoutAudit(before));
    const added = after.practices.flatMap((p, i) => p.audit.slice(before.practices[i].audit.length));
    expect(added.every((e) => e.outcome === 'refused' && e.reason === 'forged-payload' && e.actorId === 'demo-owner')).toBe(true);
    // A few a minute one by one, the rest counted in a summary entry (src/conversation/refusalAudit.ts).
    const refusals = added.reduce((sum, e) => sum + ((e.after as { repeated?: { count: number } }).repeated?.count ?? 1), 0);
    expect(refusals).toBeGreaterThanOrEqual(unstampedSent);
    expect(added.length).toBeLessThan(unstampedSent / 4);
  });
});

// Product bugs these properties found, since fixed: each replays the counterexample fast-check found
// (seed and path) on a server of its own, so it cannot come back unnoticed.
describe('regressions: product bugs the properties above found', { timeout: SLOW }, () => {
  let bot: Bot;
  let channel: Awaited<ReturnType<typeof startChannel>>;

  beforeAll(async () => {
    channel = await startChannel();
    bot = await startBot();
  });
  afterAll(async () => {
    await channel.close();
  });
  // What a previous test's failure left in the log is not this test's.
  beforeEach(async () => {
    await settle();
    bot.newOutput();
  });

  /** Sends an activity with expectReplies; returns the status and the replies. */
  async function exchange(body: Json) {
    const answer = await postJson(bot.server.url, JSON.stringify(body));
    return { status: answer.status, replies: (answer.json?.activities ?? []) as Json[] };
  }
  const nonString = weird.filter((v) => v !== null && typeof v !== 'string');

  // Found by these properties, since fixed (kept as a regression test): the door's check (now src/bot/activitySchema.ts) let any serviceUrl through when deliveryMode is
  // expectReplies, even one that is not a string; CloudAdapter then fails on
  // `serviceUrl.toLowerCase()` and answers 500 ("endpoint.toLowerCase is not a function").
  // Counterexample: serviceUrl [].
  it('K1: answers a serviceUrl of the wrong type (with expectReplies) with a 4xx, not 500', async () => {
    await fc.assert(
      fc.asyncProperty(nonString, async (serviceUrl) => {
        const { status, replies } = await exchange(activity({ serviceUrl }));
        expect(status).toBeLessThan(500);
        if (status === 200) expect(replies.length).toBeGreaterThan(0);
        expectCleanLog(bot);
      }),
      { seed: -1477489259, path: '0:0', endOnFailure: true },
    );
  });

  // Found by these properties, since fixed (kept as a regression test): a locale that is not a string reaches translatorFor() (src/presentation/i18n.ts, languageOf:
  // `(locale ?? '').trim is not a function`) before AccessBot.converse's try: the turn fails, the
  // message gets no reply at all (200 with no activities) and "unhandled turn error" is logged.
  // Counterexample: locale [].
  it('K2: answers a message whose locale is not a string (a polite reply, or a 4xx)', async () => {
    await fc.assert(
      fc.asyncProperty(nonString, async (locale) => {
        const { status, replies } = await exchange(activity({ locale }));
        expect(status).toBeLessThan(500);
        if (status === 200) expect(replies.length).toBeGreaterThan(0);
        expectCleanLog(bot);
      }),
      { seed: -837726344, path: '0', endOnFailure: true },
    );
  });

  // Found by these properties, since fixed (kept as a regression test): AccessBot.onMessage calls botbuilder's TurnContext.removeRecipientMention(), which throws on
  // entities that are not objects with a string `type` (null, "abc", [5], [[]]…), on a mention without
  // `mentioned`, and on a mention of the bot in a message without text: no reply, a logged turn error.
  // Counterexample: entities ["xxx…"] (a string where an entity object goes).
  it('K3: answers a message whose entities are malformed (a polite reply, or a 4xx)', async () => {
    const entity = fc.oneof(weird, fc.record({ type: fc.constant('mention'), mentioned: weird, text: weird }, { requiredKeys: ['type'] }));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.array(entity, { minLength: 1, maxLength: 3 }), weird), fc.option(hostileText, { nil: undefined }), async (entities, text) => {
        const { status, replies } = await exchange(activity({ entities, text }));
        expect(status).toBeLessThan(500);
        if (status === 200) expect(replies.length).toBeGreaterThan(0);
        expectCleanLog(bot);
      }),
      { seed: 1947649737, path: '2:0:0:0', endOnFailure: true },
    );
  });

  // An invoke the assistant does not offer (composeExtension/query, task/fetch, any unknown name) is
  // answered 501 Not Implemented, as botbuilder's ActivityHandler answers it, and logs no failed turn.
  // (Once answered 400 here; Teams and the Bot Framework read 501 as "not offered".)
  it('K4a: answers an invoke of a name it does not handle with 501 Not Implemented, and no error', async () => {
    const invoke = fc.record({ name: fc.oneof(fc.constantFrom('composeExtension/query', 'task/fetch', 'signin/verifyState', 'actionableMessage/executeAction', 'healthCheck'), hostileText, weird) });
    await fc.assert(
      fc.asyncProperty(invoke, async (fields) => {
        fc.pre(fields.name !== 'adaptiveCard/action');
        const answer = await postJson(bot.server.url, JSON.stringify(activity({ type: 'invoke', text: undefined, deliveryMode: undefined, serviceUrl: channel.url, ...fields })));
        expect(answer.status).toBe(501);
        expectCleanLog(bot);
      }),
      { seed: -2119063612, path: '0:0', endOnFailure: true },
    );
  });

  // Found by these properties, since fixed (kept as a regression test): an adaptiveCard/action invoke whose value has no `action` object makes botbuilder's
  // getAdaptiveCardInvokeValue throw (`value.action.type` on undefined); the turn fails before
  // AccessBot.onAdaptiveCardInvoke, no invoke response is set, and CloudAdapter answers 501.
  // (Also in hostileTurns.test.ts, at the turn handler.) Counterexample: value " ".
  it('K4b: answers an adaptiveCard/action invoke without an action with a 4xx, not 501', async () => {
    const invoke = fc.record({ name: fc.constant('adaptiveCard/action'), value: weird.filter((v) => !!v && !(isObject(v) && isObject(v.action))) });
    await fc.assert(
      fc.asyncProperty(invoke, async (fields) => {
        const answer = await postJson(bot.server.url, JSON.stringify(activity({ type: 'invoke', text: undefined, deliveryMode: undefined, serviceUrl: channel.url, ...fields })));
        expect(answer.status).toBeLessThan(500);
        expectCleanLog(bot);
      }),
      { seed: -101272204, path: '0:0', endOnFailure: true },
    );
  });

  // Found by these properties, since fixed (kept as a regression test): AccessBot's onMembersAdded handler reads `m.id` of every added member
  // (src/bot/accessBot.ts, `membersAdded.some((m) => m.id === botId)`): a null member throws, so the
  // bot added along with it is never welcomed and "unhandled turn error" is logged.
  // Counterexample: membersAdded [null, { id: the bot }].
  it('K5: welcomes the conversation when the bot is added alongside malformed members', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(weird, fc.constant(null)), { minLength: 1, maxLength: 3 }), async (others) => {
        const membersAdded = [...others, { id: 'access-assistant' }];
        const { status, replies } = await exchange(activity({ type: 'conversationUpdate', text: undefined, membersAdded }));
        // Refused as malformed (members must be objects), or welcomed: never a failed turn.
        expect([200, 400]).toContain(status);
        if (status === 200) expect(JSON.stringify(replies)).toContain('What would you like to do?');
        expectCleanLog(bot);
      }),
      { seed: 336783693, path: '1:0', endOnFailure: true },
    );
  });

  // Found by these properties, since fixed (kept as a regression test): with normal delivery the reply is
  // posted to the channel with the incoming conversation reference (id as replyToId, from, recipient,
  // conversation). src/server.ts accepts those fields with any type; botbuilder's connector then
  // refuses to serialise the reply ("activityId … must be of type string", "from.role … must be of
  // type string"): the person gets no reply, and a failed turn is logged. The door's check (src/bot/activitySchema.ts)
  // refuses them with 400. Counterexample: id {"__proto__": {"polluted": 0}} (an object).
  it('K6: replies to a message over normal delivery, or refuses it with a 4xx, whatever the types of its reference fields', async () => {
    const field = fc.constantFrom('id', 'from.name', 'from.role', 'from.aadObjectId', 'recipient.name', 'recipient.role', 'conversation.name', 'conversation.isGroup', 'conversation.conversationType', 'conversation.tenantId');
    await fc.assert(
      fc.asyncProperty(field, weird.filter((v) => v !== null && typeof v !== 'string'), async (path, value) => {
        fc.pre(!(path === 'conversation.isGroup' && typeof value === 'boolean'));
        const body = activity({ deliveryMode: undefined, serviceUrl: channel.url });
        setPath(body, path, value);
        const posted = channel.received();
        const answer = await postJson(bot.server.url, JSON.stringify(body));
        expect(answer.status).toBeLessThan(500);
        if (answer.status === 200) expect(channel.received()).toBeGreaterThan(posted);
        expectCleanLog(bot);
      }),
      { seed: -846180944, path: '0:0:0:0:0', endOnFailure: true },
    );
  });

  // Found by these properties, since fixed (kept as a regression test): an activity id with half a surrogate pair (not valid UTF-16) is
  // accepted; with normal delivery the reply's URL is built with encodeURIComponent(replyToId), which
  // throws "URIError: URI malformed": no reply, a failed turn logged. Counterexample: id "\ud800".
  it('K6b: replies to a message over normal delivery, or refuses it with a 4xx, whatever its id', async () => {
    const loneHalf = fc.tuple(fc.string({ maxLength: 4 }), fc.integer({ min: 0xd800, max: 0xdfff }), fc.string({ maxLength: 4 })).map(([a, half, b]) => `${a}${String.fromCharCode(half)}${b}`);
    await fc.assert(
      fc.asyncProperty(loneHalf.filter((id) => LONE_SURROGATE.test(id)), async (id) => {
        const posted = channel.received();
        const answer = await postJson(bot.server.url, JSON.stringify(activity({ id, deliveryMode: undefined, serviceUrl: channel.url })));
        expect(answer.status).toBeLessThan(500);
        if (answer.status === 200) expect(channel.received()).toBeGreaterThan(posted);
        expectCleanLog(bot);
      }),
      { seed: 543842073, path: '0:0:0:0', endOnFailure: true },
    );
  });

  // Found by these properties, since fixed (kept as a regression test): a conversation id of thousands
  // of characters was accepted, and the reply to it could not be addressed to the channel.
  it('K9: refuses an id too long to address the reply with 400', async () => {
    const answer = await postJson(bot.server.url, JSON.stringify(activity({ conversation: { id: 'x'.repeat(5000) }, deliveryMode: undefined, serviceUrl: channel.url })));
    expect(answer.status).toBe(400);
    expectCleanLog(bot);
  });

  // Found by these properties, since fixed (kept as a regression test): with Content-Encoding: gzip, restify's bodyReader inflates the body; a body that is not valid
  // gzip makes zlib throw ("incorrect header check", "unexpected end of file") outside the handler,
  // and src/server.ts's uncaughtException handler answers 500 "Internal error.". Counterexample: one 0 byte.
  it('K7: answers a body that claims gzip but is not with a 4xx, not 500', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 200 }), async (bytes) => {
        const answer = await post(bot.server.url, Buffer.from(bytes), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        expect(answer.status).toBeLessThan(500);
        expectCleanLog(bot);
      }),
      { seed: -744908412, path: '0:0:0', endOnFailure: true },
    );
  });

  // Found by these properties, since fixed (kept as a regression test): MAX_BODY_KB limits the bytes on the wire, not the inflated body: a gzipped activity of a few
  // KB that inflates to many MB (here up to 64 MB) is read and parsed whole, and answered 200. The
  // limit is there to bound memory and parsing; a request should be refused with 413 once the inflated
  // body passes it (or compressed bodies refused altogether: Bot Framework channels do not send them).
  // Counterexample: an activity of 262,145 bytes, gzipped.
  it(`K8: refuses a gzipped body that inflates beyond MAX_BODY_KB with 413`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: LIMIT + 1, max: 64 * 1024 * 1024 }), async (size) => {
        const answer = await post(bot.server.url, gzipSync(padded(activity(), size)), { 'content-type': 'application/json', 'content-encoding': 'gzip' });
        // Compressed bodies are refused outright (415): channels never send them, and their real size is hidden.
        expect([413, 415]).toContain(answer.status);
        expectCleanLog(bot);
      }),
      { seed: -1962135755, path: '0:0', endOnFailure: true },
    );
  });
});

/** The store's journal of changes not yet folded into the file, if the store keeps one (empty when none). */
async function journalOf(storeFile: string): Promise<Buffer> {
  return readFile(`${storeFile}.journal`).catch(() => Buffer.alloc(0));
}

/** An activity with `field` set to the raw JSON `text` (too deep for JSON.stringify). */
function withRaw(field: string, text: string): string {
  const json = JSON.stringify(activity({ [field]: 'RAW' }));
  return json.replace('"RAW"', () => text);
}

/** A valid activity whose JSON is exactly `size` bytes (a padding field makes up the difference). */
function padded(base: Json, size: number): Buffer {
  const empty = Buffer.byteLength(JSON.stringify({ ...base, padding: '' }));
  return Buffer.from(JSON.stringify({ ...base, padding: 'p'.repeat(Math.max(0, size - empty)) }));
}
