// Composition root: config → storage → assistant (repository, flow, conversation, bot) → adapter → server.
import { writesPractice } from './bot/accessBot.ts';
import { AccessNotifier, proactiveSender } from './bot/accessNotifier.ts';
import { createAdapter } from './bot/adapter.ts';
import { StoredReach } from './bot/reachStore.ts';
import { loadConfig } from './config.ts';
import { createServer } from './server.ts';
import { createAssistant } from './assistant.ts';
import { conversationRecords } from './conversation/conversationRecords.ts';
import { openStorage } from './storage/openStorage.ts';
import { holdStore } from './storage/storeLock.ts';
import { redacted } from './storage/postgres/postgresStorage.ts';
import { timeSlices } from './timeSlices.ts';
import { localPageRoutes } from './web/localPage.ts';

const isLoopback = (host: string) => /^127\.|^::1$|^localhost$/i.test(host);

const fail = (message: string): never => {
  console.error(`Access Assistant cannot start: ${message}`);
  process.exit(1);
};

// Last resort: every request handler and turn catches its own errors, so reaching these is a bug. It is
// logged and the assistant stays up for everyone else (changes are written whole or not at all).
process.on('uncaughtException', (error) => console.error('Uncaught exception:', error));
process.on('unhandledRejection', (reason) => console.error('Unhandled rejection:', reason));

const config = await Promise.resolve()
  .then(() => loadConfig(process.env))
  .catch((error: Error) => fail(error.message));
// One process per store file: the operator's practice command refuses while the server holds it. A database
// is shared by as many instances as the operator runs.
if (!config.database) await Promise.resolve().then(() => holdStore(config.dataFile, 'server')).catch((error: Error) => fail(error.message));
const storage = await openStorage(config).catch((error: Error) => fail(error.message));
const conversations = conversationRecords(storage.conversations);
const reach = new StoredReach(storage.references);
const log = (message: string, error?: unknown) => console.error(message, error ?? '');
// One event loop, one schedule: activities coming in and turns going on after a write share it.
const slices = timeSlices();
const { bot, conversation, repository, refusals } = createAssistant({
  practices: storage.practices,
  conversations,
  reach,
  localMode: config.localMode,
  idleDays: config.conversationIdleDays,
  log,
  slices,
  files: { maxBytes: config.maxImportFileKb * 1024, timeoutMs: config.outboundTimeoutMs },
  exclusive: storage.exclusive,
});
const adapter = createAdapter(config, async (context, error) => {
  log(`unhandled turn error in conversation ${context.activity.conversation?.id}`, error);
});
// Whoever's access a change touched is told, in their personal chat, once it is on disk (never inside the turn).
const notifier = new AccessNotifier({
  send: proactiveSender(adapter.adapter, config.credentials.appId),
  reach,
  lookups: repository,
  log,
  deadlineMs: 2 * config.outboundTimeoutMs,
});
repository.onCommitted((change) => notifier.tell(change));
// The local chat page only without credentials: with them, every request must be signed.
const onStaticRoutes = config.localMode ? localPageRoutes({ conversation, repository }) : undefined;
// A click that writes the practice's data goes ahead of new navigation: that person waits for "added".
const connections = { maxConnections: config.maxConnections, keepAliveTimeoutMs: config.keepAliveTimeoutMs };
const app = createServer({ adapter, bot, maxBodyKb: config.maxBodyKb, connections, onStaticRoutes, slices, ahead: writesPractice, storageProblem: storage.problem });
const port = await app.listen(config.port, config.host);
const shownHost = config.host.includes(':') ? `[${config.host}]` : config.host;

console.log(`Access Assistant listening on http://${shownHost}:${port}/api/messages`);
console.log(config.database
  ? `Store: PostgreSQL at ${redacted(config.database.databaseUrl)} (pool ${config.database.poolSize}, timeout ${config.database.timeoutMs} ms)`
  : `Store: ${config.dataFile}; conversations: ${config.conversationsFile}; references: ${config.reachFile}`);
if (config.localMode) {
  console.log('Local mode: no Microsoft App credentials, so requests are not authenticated and');
  console.log('a sender the practice does not know acts as the demo Business Owner (demo-owner).');
  console.log(`Chat with it in a browser: http://${isLoopback(config.host) ? 'localhost' : shownHost}:${port}/`);
  if (!isLoopback(config.host)) {
    console.warn(`WARNING: HOST=${config.host} opens local mode beyond this computer. Anyone who can reach port ${port}`);
    console.warn('can act as any colleague of any practice in the store, with no sign-in. Use it only on a network you trust,');
    console.warn('or remove HOST to listen on this computer alone (127.0.0.1).');
  }
}

// Housekeeping, now and every six hours: flows idle longer than CONVERSATION_IDLE_DAYS are removed, and the
// references of people no longer among their practice's colleagues.
const sweep = () => Promise.all([
  conversation.housekeeping(conversations),
  reach.prune((practiceId, colleagueId) => repository.colleague(practiceId, colleagueId) !== undefined),
]).catch((error) => log('housekeeping failed', error));
await sweep();
setInterval(sweep, 6 * 60 * 60 * 1000).unref();

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, async () => {
    console.log(`${signal}: finishing the turns under way, then stopping`);
    try {
      await app.close();
      await bot.turns.drain();
      await notifier.drain(2 * config.outboundTimeoutMs);
      await refusals.flush();
      // Every change on disk and folded into its file: the next start has nothing to replay.
      await repository.compact();
      await storage.close();
      process.exit(0);
    } catch (error) {
      log('shutdown failed', error);
      process.exit(1);
    }
  });
}
