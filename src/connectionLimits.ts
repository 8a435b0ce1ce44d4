import type { Server as HttpServer, IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface ConnectionLimits {
  /** Open connections at most; at the cap one without a request in flight makes room (see below). */
  maxConnections: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** A request's headers must have arrived within this. */
  headersTimeoutMs: number;
  /** A request (headers and body) must have arrived within this; the answer may take longer. */
  requestTimeoutMs: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  // Well under the open-file limit (Node raises it to the hard one, 4,096 or more on common hosts); a channel needs dozens.
  maxConnections: 1_000,
  // Longer than the 60 s idle timeout of common proxies (nginx, AWS ALB), so they never reuse a socket just closed.
  keepAliveTimeoutMs: 65_000,
  // Real clients send headers at once; Node checks these deadlines every 30 s, so a slow one goes within 40 s.
  headersTimeoutMs: 10_000,
  // A body is at most MAX_BODY_KB; a turn's own work runs after the request has arrived and is not cut short.
  requestTimeoutMs: 30_000,
};

export interface LimitedConnections {
  /** Closes every connection without a request in flight: idle ones and those whose headers never came. */
  closeQuiet(): void;
}

/** Applies the limits to a server before it listens: slow or idle clients cannot hold every connection. */
export function limitConnections(http: HttpServer, limits: ConnectionLimits): LimitedConnections {
  http.keepAliveTimeout = limits.keepAliveTimeoutMs;
  http.headersTimeout = limits.headersTimeoutMs;
  http.requestTimeout = limits.requestTimeoutMs;

  // Connections with no request in flight, longest-quiet first (a Set keeps insertion order). Those yet to send a
  // request make room before idle keep-alive ones, which have served a client that may well send again.
  const fresh = new Set<Socket>();
  const idle = new Set<Socket>();
  const inFlight = new Map<Socket, number>();
  let warnedAt = -Infinity;

  // Not server.maxConnections: it refuses newcomers, so slow clients holding every slot would lock out /healthz.
  http.on('connection', (socket: Socket) => {
    if (fresh.size + idle.size + inFlight.size >= limits.maxConnections) {
      const oldest = first(fresh) ?? first(idle);
      if (oldest) {
        fresh.delete(oldest);
        idle.delete(oldest);
        oldest.destroy();
      } else {
        if (Date.now() - warnedAt > 60_000) {
          warnedAt = Date.now();
          console.warn(`Connections: all ${limits.maxConnections} have a request in flight; refusing new ones (MAX_CONNECTIONS)`);
        }
        socket.destroy();
        return;
      }
    }
    fresh.add(socket);
    socket.once('close', () => {
      fresh.delete(socket);
      idle.delete(socket);
      inFlight.delete(socket);
    });
  });

  const started = (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    if (socket.destroyed) return;
    fresh.delete(socket);
    idle.delete(socket);
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    res.once('close', () => {
      const left = (inFlight.get(socket) ?? 1) - 1;
      if (left > 0) return void inFlight.set(socket, left);
      inFlight.delete(socket);
      // Back of the queue: the connection just answered is the last to make room.
      if (!socket.destroyed) idle.add(socket);
    });
  };
  // restify answers "Expect: 100-continue" itself, so such a request comes as checkContinue, not request.
  http.on('request', started);
  http.on('checkContinue', started);

  return {
    closeQuiet() {
      for (const socket of [...fresh, ...idle]) socket.destroy();
      fresh.clear();
      idle.clear();
    },
  };
}

const first = <T>(set: Set<T>): T | undefined => set.values().next().value;
