import type { Server as HttpServer, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import restify, { type Request, type Response, type Server } from 'restify';
import { DEFAULT_CONNECTION_LIMITS, limitConnections, type ConnectionLimits, type LimitedConnections } from './connectionLimits.ts';
import { timeSlices, type TimeSlices } from './timeSlices.ts';

/** What the server needs from the Bot Framework (src/bot/adapter.ts): who sent a request, then its turn. */
export interface ActivityProcessor<Context> {
  /** 'ok', or the status to answer (401: the token does not verify; 503: the signing keys cannot be fetched). */
  authenticate(activity: object, authHeader: string): Promise<'ok' | 401 | 503>;
  process(req: Request, res: Response, logic: (context: Context) => Promise<void>): Promise<void>;
}

export interface ServerOptions<Context> {
  adapter: ActivityProcessor<Context>;
  bot: { run(context: Context): Promise<void> };
  maxBodyKb: number;
  onStaticRoutes?: (server: Server) => void;
  /** Shared with the turns' own waits (see src/timeSlices.ts); a new one when not given. */
  slices?: TimeSlices;
  /** Which authenticated activities go ahead of other new ones into the event loop; none when not given. */
  ahead?: (activity: unknown) => boolean;
  /** How long close() waits for requests in flight before dropping them. */
  shutdownGraceMs?: number;
  /** The connection cap and timeouts (src/connectionLimits.ts); the defaults for any not given. */
  connections?: Partial<ConnectionLimits>;
}

export interface BotServer {
  server: Server;
  /** Resolves with the port actually bound (useful with port 0); every interface when no host is given. */
  listen(port: number, host?: string): Promise<number>;
  /** Stops accepting connections, lets requests in flight finish (bounded), then resolves. */
  close(): Promise<void>;
}

// Generic over the turn context so no botbuilder type leaves src/bot/.
export function createServer<Context>(options: ServerOptions<Context>): BotServer {
  const { adapter, bot } = options;
  // No handleUncaughtExceptions: restify would run every request in a domain, and a domain turns on
  // async hooks for every promise of the process (a third of a turn's cost in the benchmark). Handlers
  // are async and catch their own errors; src/index.ts keeps a process-wide last resort.
  const server = restify.createServer({ name: 'access-assistant' });
  // Channels send plain JSON: a compressed body could hide its real size from the limit below.
  server.pre((req: Request, res: Response, next: (err?: unknown) => void) => {
    const encoding = String(req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    if (encoding !== 'identity' && encoding !== '') {
      answer(res, 415, 'Compressed request bodies are not accepted.');
      return next(false);
    }
    return next();
  });
  server.use(restify.plugins.queryParser());
  // bodyParser() minus its form and multipart parsers, which a bot has no use for.
  server.use(restify.plugins.bodyReader({ maxBodySize: options.maxBodyKb * 1024 }));
  server.use(restify.plugins.jsonBodyParser({ bodyReader: true }));
  // Activities are let in a slice of the event loop at a time (src/timeSlices.ts): a burst of them never
  // holds the loop for the sum of their turns, so timers, health checks and writes finishing keep pace.
  const slices = options.slices ?? timeSlices();
  const ahead = options.ahead ?? (() => false);

  server.post('/api/messages', async (req, res) => {
    const problem = activityProblem(req.body);
    if (problem) return answer(res, 400, `Not a Bot Framework activity: ${problem}.`);
    const admission = await adapter.authenticate(req.body, authorizationOf(req));
    if (admission !== 'ok') return answer(res, admission, REFUSED[admission]);
    // Only once the sender is known may what it asks for put it ahead of others.
    await new Promise<void>((resolve) => slices.letIn(resolve, ahead(req.body)));
    try {
      await adapter.process(req, res, (context) => bot.run(context));
    } catch (error) {
      // CloudAdapter rejects (rather than answering) on some malformed activities.
      console.warn(`POST /api/messages refused: ${(error as Error).message}`);
      if (!res.headersSent) answer(res, 400, 'The activity could not be processed.');
    }
  });
  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });
  options.onStaticRoutes?.(server);

  server.on('restifyError', (req: Request, _res: Response, err: Error & { statusCode?: number }, done: () => void) => {
    if (!err.statusCode || err.statusCode >= 500) console.error(`${req.method} ${req.url} failed:`, err);
    done();
  });

  const http = server.server as HttpServer;
  const connections = limitConnections(http, { ...DEFAULT_CONNECTION_LIMITS, ...options.connections });
  return { server, ...lifecycle(http, connections, options.shutdownGraceMs ?? 10_000) };
}

function lifecycle(http: HttpServer, connections: LimitedConnections, graceMs: number): Omit<BotServer, 'server'> {
  const inFlight = new Set<ServerResponse>();
  let closing: Promise<void> | undefined;

  http.on('request', (_req, res: ServerResponse) => {
    if (closing) res.setHeader('Connection', 'close');
    inFlight.add(res);
    res.once('close', () => inFlight.delete(res));
  });

  return {
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          http.off('error', reject);
          resolve((http.address() as AddressInfo).port);
        });
      }),
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        if (!http.listening) return resolve();
        // Answers still to come end their connection, so keep-alive clients let go.
        for (const res of inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
        const timer = setTimeout(() => {
          console.warn(`Shutdown: ${inFlight.size} request(s) still running after ${graceMs} ms; dropping them`);
          http.closeAllConnections();
        }, graceMs);
        http.close(() => {
          clearTimeout(timer);
          resolve();
        });
        // Not closeIdleConnections(): to Node, a connection whose headers are still coming is not idle.
        connections.closeQuiet();
      });
      return closing;
    },
  };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown) => typeof value === 'string' && value.length > 0;

/** Fields that are strings when present: botbuilder copies them into the reply, and checks them then. */
const OPTIONAL_TEXT = [
  ['id'], ['text'], ['locale'], ['name'], ['replyToId'], ['channelId'],
  ['from', 'id'], ['from', 'name'], ['from', 'role'], ['from', 'aadObjectId'],
  ['recipient', 'id'], ['recipient', 'name'], ['recipient', 'role'],
  ['conversation', 'id'], ['conversation', 'name'], ['conversation', 'conversationType'], ['conversation', 'tenantId'],
];

/** Ids go into the reply's address: real channels' are far shorter than this. */
const MAX_ID = 1024;
const IDS = [['id'], ['replyToId'], ['conversation', 'id'], ['from', 'id'], ['recipient', 'id']];

/** What the Bot Framework protocol requires of every activity, and the bot relies on; undefined when fine. */
function activityProblem(body: unknown): string | undefined {
  if (!isObject(body)) return 'the body must be a JSON object';
  if (!isText(body.type)) return '"type" must be a non-empty string';
  if (!isText(body.channelId)) return '"channelId" must be a non-empty string';
  if (!isObject(body.conversation) || !isText(body.conversation.id)) return '"conversation.id" must be a non-empty string';
  if (!isObject(body.from) || !isText(body.from.id)) return '"from.id" must be a non-empty string';
  if (!isObject(body.recipient) || !isText(body.recipient.id)) return '"recipient.id" must be a non-empty string';
  if (body.serviceUrl !== undefined || body.deliveryMode !== 'expectReplies') {
    if (!isText(body.serviceUrl)) return '"serviceUrl" must be a non-empty string';
  }
  for (const path of OPTIONAL_TEXT) {
    const value = path.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), body);
    if (value === undefined || value === null) continue;
    // Well-formed too: a lone surrogate cannot go into the reply's address.
    if (typeof value !== 'string' || !value.isWellFormed()) return `"${path.join('.')}" must be a string`;
  }
  // The conversation id travels in the reply's address and headers: printable ASCII, of a sane length.
  if (!/^[\x20-\x7e]+$/.test(String((body.conversation as { id: string }).id))) return '"conversation.id" must be printable ASCII';
  for (const path of IDS) {
    const value = path.reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), body);
    if (typeof value === 'string' && value.length > MAX_ID) return `"${path.join('.')}" must be at most ${MAX_ID} characters`;
  }
  const isGroup = isObject(body.conversation) ? body.conversation.isGroup : undefined;
  if (isGroup !== undefined && isGroup !== null && typeof isGroup !== 'boolean') return '"conversation.isGroup" must be true or false';
  if (body.entities !== undefined && body.entities !== null) {
    if (!Array.isArray(body.entities) || !body.entities.every(isObject)) return '"entities" must be a list of objects';
  }
  if (body.membersAdded !== undefined && body.membersAdded !== null) {
    if (!Array.isArray(body.membersAdded) || !body.membersAdded.every(isObject)) return '"membersAdded" must be a list of objects';
  }
  return undefined;
}

/** What a refused request is told: the status's meaning, never the library's words (they name hosts and keys). */
const REFUSED = {
  401: 'The request is not signed by the Bot Framework for this bot.',
  503: 'The Bot Framework signing keys cannot be fetched right now; try again shortly.',
};

function authorizationOf(req: Request): string {
  const header = req.headers.authorization;
  return typeof header === 'string' ? header : '';
}

function answer(res: Response, status: number, error: string): void {
  try {
    res.send(status, { error });
  } catch (sendError) {
    console.error('Could not send the error response:', sendError);
  }
}
