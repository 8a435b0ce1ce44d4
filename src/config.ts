// The only module that reads settings; the composition root passes process.env in once.

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
  readonly dataFile: string;
  readonly conversationsFile: string;
  /** No MicrosoftAppId: the bot accepts unauthenticated requests (Emulator, tests). */
  readonly localMode: boolean;
  readonly credentials: Credentials;
  readonly conversationIdleDays: number;
  /** Conversations kept at most; beyond, those written to longest ago are forgotten, so memory stays bounded. */
  readonly maxConversations: number;
  readonly maxBodyKb: number;
}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const dataFile = setting(env, 'DATA_FILE') ?? 'data/db.json';
  const credentials = loadCredentials(env);
  return Object.freeze({
    port: wholeNumber(env, 'PORT', 3978, 0, 65535),
    dataFile,
    conversationsFile: setting(env, 'CONVERSATIONS_FILE') ?? conversationsFileBeside(dataFile),
    localMode: credentials.appId === undefined,
    credentials,
    conversationIdleDays: positiveNumber(env, 'CONVERSATION_IDLE_DAYS', 7),
    maxConversations: wholeNumber(env, 'MAX_CONVERSATIONS', 20_000, 1, 10_000_000),
    maxBodyKb: wholeNumber(env, 'MAX_BODY_KB', 256, 1, 1024 * 1024),
  });
}

function loadCredentials(env: NodeJS.ProcessEnv): Credentials {
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

function conversationsFileBeside(dataFile: string): string {
  return dataFile.endsWith('.json')
    ? `${dataFile.slice(0, -'.json'.length)}.conversations.json`
    : `${dataFile}.conversations.json`;
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
