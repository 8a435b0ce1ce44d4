// Composition root of the echo server: the same rim as the real bot, with a bot that only echoes.
// Used by the server tests and as the benchmark's baseline.
import { createAdapter } from '../../src/bot/adapter.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { createServer } from '../../src/server.ts';
import { createEchoBot } from './echoBot.ts';

let config: Config;
try {
  config = loadConfig(process.env);
} catch (error) {
  console.error(`echo server: ${(error as Error).message}`);
  process.exit(1);
}

// The stock CloudAdapter, as the Bot Framework samples build it: the benchmark's baseline is the bare
// stack. ECHO_ADAPTER=lean gives it the assistant's reused outbound clients (src/bot/reusedClients.ts), to see
// what the assistant's own work costs next to the stack it actually runs on.
const adapter = createAdapter(config, async (context, error) => {
  console.error('echo server: turn failed', error);
  await context.sendActivity('echo: something went wrong');
}, { stock: process.env.ECHO_ADAPTER !== 'lean' });
// Tests read the line each turn logs; the benchmark turns it off (ECHO_TURN_LOG=off), so the baseline
// is the bare stack and not also a console write per turn.
const logTurn = process.env.ECHO_TURN_LOG === 'off' ? undefined : console.log;
const connections = { maxConnections: config.maxConnections, keepAliveTimeoutMs: config.keepAliveTimeoutMs };
const app = createServer({ adapter, bot: createEchoBot(logTurn), maxBodyKb: config.maxBodyKb, connections });
const port = await app.listen(config.port, config.host);
console.log(`echo server listening on port ${port}${config.localMode ? ' (local mode)' : ''}`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    console.log(`${signal}: shutting down`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('echo server: shutdown failed', error);
        process.exit(1);
      },
    );
  });
}
