// The only module that reads settings; the composition root passes process.env in once.
import { DEFAULT_CONNECTION_LIMITS } from './connectionLimits.ts';
import { DEFAULT_IMPORT_FILE_KB } from './bot/fileDownload.ts';

export const APP_TYPES = ['MultiTenant', 'SingleTenant', 'UserAssignedMSI'] as const;
export type AppType = (typeof APP_TYPES)[number];

export interface Credentials {
  readonly appId?: string;
  readonly appPassword?: string;
  readonly appType: AppType;
  readonly tenantId?: string;
}

export interface Config {
  readonly port: number;
  /** The address listened on: loopback in local mode unless HOST says otherwise (requests are not authenticated there). */
  readonly host: string;
  readonly dataFile: string;
  readonly conversationsFile: string;
  /** How to reach each colleague later (their conversation references), to tell them of changes to their access. */
  readonly reachFile: string;
  /** No MicrosoftAppId: the bot accepts unauthenticated requests (Emulator, tests). */
  readonly localMode: boolean;
  readonly credentials: Credentials;
  readonly conversationIdleDays: number;
  /** Conversations kept at most; beyond, those written to longest ago are forgotten, so memory stays bounded. */
  readonly maxConversations: number;
  readonly maxBodyKb: number;
  /** How long a call to the channel's service (a reply, a look-up, fetching a file sent) may take, retries included. */
  readonly outboundTimeoutMs: number;
  /** The largest file sent in the chat to import (a CSV export) that is fetched and read. */
  readonly maxImportFileKb: number;
  /** Where the Bot Framework's signing keys are published (botbuilder's own settings; sovereign clouds change them). */
  readonly openIdMetadata: { readonly channel?: string; readonly emulator?: string };
  /** Open connections at most: the cap an operator sizes to the host's open-file limit. */
  readonly maxConnections: number;
  /** Set above the idle timeout of the proxy or load balancer in front, which varies by host. */
  readonly keepAliveTimeoutMs: number;
  /** PostgreSQL instead of the JSON files (DATABASE_URL), with its pool and timeouts; undefined: the JSON files. */
  readonly database?: {
    readonly databaseUrl: string;
    readonly poolSize: number;
    readonly timeoutMs: number;
    readonly turnWaitMs: number;
  };
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const dataFile = setting(env, 'DATA_FILE') ?? 'data/db.json';
  const credentials = loadCredentials(env);
  const localMode = credentials.appId === undefined;
  return Object.freeze({
    port: wholeNumber(env, 'PORT', 3978, 0, 65535),
    host: setting(env, 'HOST') ?? (localMode ? '127.0.0.1' : '0.0.0.0'),
    dataFile,
    conversationsFile: setting(env, 'CONVERSATIONS_FILE') ?? fileBeside(dataFile, 'conversations'),
    reachFile: setting(env, 'REACH_FILE') ?? fileBeside(dataFile, 'reach'),
    localMode,
    credentials,
    conversationIdleDays: positiveNumber(env, 'CONVERSATION_IDLE_DAYS', 7),
    maxConversations: wholeNumber(env, 'MAX_CONVERSATIONS', 20_000, 1, 10_000_000),
    maxBodyKb: wholeNumber(env, 'MAX_BODY_KB', 256, 1, 1024 * 1024),
    outboundTimeoutMs: wholeNumber(env, 'OUTBOUND_TIMEOUT_MS', 5000, 100, 60_000),
    maxImportFileKb: wholeNumber(env, 'MAX_IMPORT_FILE_KB', DEFAULT_IMPORT_FILE_KB, 1, 100 * 1024),
    openIdMetadata: Object.freeze({
      channel: setting(env, 'ToBotFromChannelOpenIdMetadataUrl'),
      emulator: setting(env, 'ToBotFromEmulatorOpenIdMetadataUrl'),
    }),
    maxConnections: wholeNumber(env, 'MAX_CONNECTIONS', DEFAULT_CONNECTION_LIMITS.maxConnections, 1, 1_000_000),
    // Not 0: to Node that means idle connections are never closed.
    keepAliveTimeoutMs: wholeNumber(env, 'KEEP_ALIVE_TIMEOUT_MS', DEFAULT_CONNECTION_LIMITS.keepAliveTimeoutMs, 1_000, 3_600_000),
    database: loadDatabase(env),
  });
}

function loadDatabase(env: NodeJS.ProcessEnv): Config['database'] {
  const databaseUrl = setting(env, 'DATABASE_URL');
  if (databaseUrl === undefined) return undefined;
  if (!/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    throw new Error('DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/database), or be removed to use the JSON files');
  }
  return Object.freeze({
    databaseUrl,
    poolSize: wholeNumber(env, 'DATABASE_POOL_SIZE', 10, 1, 1_000),
    timeoutMs: wholeNumber(env, 'DATABASE_TIMEOUT_MS', 5_000, 100, 600_000),
    turnWaitMs: wholeNumber(env, 'DATABASE_TURN_WAIT_MS', 15_000, 100, 600_000),
  });
}

function loadCredentials(env: NodeJS.ProcessEnv): Credentials {
  // An empty line in an environment file is a mistake, not a wish for local mode (which takes anyone's word).
  if (env.MicrosoftAppId !== undefined && !env.MicrosoftAppId.trim()) {
    throw new Error('MicrosoftAppId is blank: set MicrosoftAppId to the bot\'s app id, or remove the variable to run in local mode');
  }
  const appId = setting(env, 'MicrosoftAppId');
  const appPassword = setting(env, 'MicrosoftAppPassword');
  const tenantId = setting(env, 'MicrosoftAppTenantId');
  const appType = appTypeOf(env);

  if (appId === undefined && appPassword !== undefined) {
    throw new Error('MicrosoftAppPassword is set but MicrosoftAppId is not: set both, or neither for local mode');
  }
  if (appType === 'SingleTenant' && tenantId === undefined) {
    throw new Error('MicrosoftAppType SingleTenant needs MicrosoftAppTenantId, got none');
  }
  if (appType === 'UserAssignedMSI') {
    if (appId === undefined || tenantId === undefined) {
      throw new Error('MicrosoftAppType UserAssignedMSI needs MicrosoftAppId and MicrosoftAppTenantId');
    }
    if (appPassword !== undefined) {
      throw new Error('MicrosoftAppType UserAssignedMSI must not have a MicrosoftAppPassword');
    }
  } else if (appId !== undefined && appPassword === undefined) {
    throw new Error(`MicrosoftAppId is set but MicrosoftAppPassword is not (MicrosoftAppType ${appType})`);
  }
  return Object.freeze({ appId, appPassword, appType, tenantId });
}

function appTypeOf(env: NodeJS.ProcessEnv): AppType {
  const raw = setting(env, 'MicrosoftAppType');
  if (raw === undefined) return 'MultiTenant';
  // Azure's templates spell the MSI type in more than one case; accept any.
  const found = APP_TYPES.find((type) => type.toLowerCase() === raw.toLowerCase());
  if (!found) {
    throw new Error(`MicrosoftAppType must be one of ${APP_TYPES.join(', ')}, got "${raw}"`);
  }
  return found;
}

/** data/db.json → data/db.<kind>.json */
function fileBeside(dataFile: string, kind: string): string {
  return dataFile.endsWith('.json')
    ? `${dataFile.slice(0, -'.json'.length)}.${kind}.json`
    : `${dataFile}.${kind}.json`;
}

/** An unset or blank variable counts as absent, as .env files often leave them empty. */
function setting(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = setting(env, name);
  if (raw === undefined) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

function positiveNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = setting(env, name);
  if (raw === undefined) return fallback;
  const value = /^\d+(\.\d+)?$|^\.\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`${name} must be a positive number, got "${raw}"`);
  }
  return value;
}
