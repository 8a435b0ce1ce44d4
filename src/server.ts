import type { Server as HttpServer, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import restify, { type Request, type Response, type Server } from 'restify';
import { readActivity } from './bot/activitySchema.ts';
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
  /** Whether the storage engine answers (Storage.problem): /healthz says so, and answers 503 when it does not. */
  storageProblem?: () => Promise<string | undefined>;
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
    // Read before authentication: the token is verified against the activity's channelId and serviceUrl.
    const read = readActivity(req.body);
    if ('problem' in read) return answer(res, 400, `Not a Bot Framework activity: ${read.problem}.`);
    // The turn gets the activity as read (src/bot/activitySchema.ts), which everything behind the door trusts.
    req.body = read.activity;
    const admission = await adapter.authenticate(read.activity, authorizationOf(req));
    if (admission !== 'ok') return answer(res, admission, REFUSED[admission]);
    // Only once the sender is known may what it asks for put it ahead of others.
    await new Promise<void>((resolve) => slices.letIn(resolve, ahead(read.activity)));
    try {
      await adapter.process(req, res, (context) => bot.run(context));
    } catch (error) {
      // CloudAdapter rejects (rather than answering) on some malformed activities.
      console.warn(`POST /api/messages refused: ${(error as Error).message}`);
      if (!res.headersSent) answer(res, 400, 'The activity could not be processed.');
    }
  });
  server.get('/healthz', async (_req, res) => {
    if (!options.storageProblem) {
      res.send(200, { status: 'ok' });
      return;
    }
    const problem = await options.storageProblem();
    if (problem) res.send(503, { status: 'unavailable', database: problem });
    else res.send(200, { status: 'ok', database: 'ok' });
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
