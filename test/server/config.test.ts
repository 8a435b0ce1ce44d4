import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

const credentials = { MicrosoftAppId: 'app-id', MicrosoftAppPassword: 'secret' };

describe('loadConfig', () => {
  it('uses the defaults when nothing is set, in local mode', () => {
    expect(loadConfig({})).toEqual({
      port: 3978,
      host: '127.0.0.1',
      dataFile: 'data/db.json',
      conversationsFile: 'data/db.conversations.json',
      reachFile: 'data/db.reach.json',
      localMode: true,
      credentials: { appId: undefined, appPassword: undefined, appType: 'MultiTenant', tenantId: undefined },
      conversationIdleDays: 7,
      maxConversations: 20_000,
      maxBodyKb: 256,
      outboundTimeoutMs: 5000,
      maxImportFileKb: 5120,
      openIdMetadata: { channel: undefined, emulator: undefined },
      maxConnections: 1000,
      keepAliveTimeoutMs: 65_000,
    });
  });

  it('listens on loopback alone in local mode, on every interface with credentials, or where HOST says', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig(credentials).host).toBe('0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ ...credentials, HOST: '127.0.0.1' }).host).toBe('127.0.0.1');
  });

  it('refuses a MicrosoftAppId that is set but blank, rather than falling back to local mode', () => {
    for (const blank of ['', ' ', '\t']) {
      expect(() => loadConfig({ MicrosoftAppId: blank, MicrosoftAppPassword: 'secret' })).toThrow(
        'MicrosoftAppId is blank: set MicrosoftAppId to the bot\'s app id, or remove the variable to run in local mode',
      );
    }
  });

  it.each(['0', '99', '60001', 'soon'])('refuses OUTBOUND_TIMEOUT_MS %j', (ms) => {
    expect(() => loadConfig({ OUTBOUND_TIMEOUT_MS: ms })).toThrow('OUTBOUND_TIMEOUT_MS must be a whole number from 100 to 60000');
  });

  it.each(['0', '102401', '5MB'])('refuses MAX_IMPORT_FILE_KB %j', (kb) => {
    expect(() => loadConfig({ MAX_IMPORT_FILE_KB: kb })).toThrow('MAX_IMPORT_FILE_KB must be a whole number from 1 to 102400');
  });

  it('reads every setting', () => {
    const config = loadConfig({
      PORT: '0',
      DATA_FILE: '/var/bot/store.json',
      CONVERSATIONS_FILE: '/var/bot/chats.json',
      ...credentials,
      MicrosoftAppType: 'SingleTenant',
      MicrosoftAppTenantId: 'tenant',
      CONVERSATION_IDLE_DAYS: '0.5',
      MAX_CONVERSATIONS: '50',
      MAX_BODY_KB: '1024',
      HOST: '::1',
      OUTBOUND_TIMEOUT_MS: '2500',
      MAX_IMPORT_FILE_KB: '1024',
      ToBotFromChannelOpenIdMetadataUrl: 'http://127.0.0.1:9/openid',
      MAX_CONNECTIONS: '50',
      KEEP_ALIVE_TIMEOUT_MS: '5000',
    });
    expect(config).toMatchObject({
      port: 0,
      dataFile: '/var/bot/store.json',
      conversationsFile: '/var/bot/chats.json',
      localMode: false,
      credentials: { appId: 'app-id', appPassword: 'secret', appType: 'SingleTenant', tenantId: 'tenant' },
      conversationIdleDays: 0.5,
      maxConversations: 50,
      maxBodyKb: 1024,
      host: '::1',
      outboundTimeoutMs: 2500,
      maxImportFileKb: 1024,
      openIdMetadata: { channel: 'http://127.0.0.1:9/openid' },
      maxConnections: 50,
      keepAliveTimeoutMs: 5000,
    });
  });

  it('uses PostgreSQL when DATABASE_URL is set, with its pool and timeouts, and refuses what is not a PostgreSQL URL', () => {
    expect(loadConfig({}).database).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: 'postgres://a:b@db:5432/x' }).database).toEqual({
      databaseUrl: 'postgres://a:b@db:5432/x', poolSize: 10, timeoutMs: 5_000, turnWaitMs: 15_000,
    });
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/x', DATABASE_POOL_SIZE: '4', DATABASE_TIMEOUT_MS: '900', DATABASE_TURN_WAIT_MS: '2000' }).database)
      .toEqual({ databaseUrl: 'postgresql://db/x', poolSize: 4, timeoutMs: 900, turnWaitMs: 2_000 });
    expect(() => loadConfig({ DATABASE_URL: 'mysql://db/x' })).toThrow(/DATABASE_URL must be a PostgreSQL URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://db/x', DATABASE_POOL_SIZE: '0' })).toThrow(/DATABASE_POOL_SIZE/);
  });

  it('puts the conversations and the references beside DATA_FILE by default', () => {
    expect(loadConfig({ DATA_FILE: 'x/prod.json' }).conversationsFile).toBe('x/prod.conversations.json');
    expect(loadConfig({ DATA_FILE: 'x/prod.db' }).conversationsFile).toBe('x/prod.db.conversations.json');
    expect(loadConfig({ DATA_FILE: 'x/prod.json' }).reachFile).toBe('x/prod.reach.json');
    expect(loadConfig({ DATA_FILE: 'x/prod.json', REACH_FILE: '/var/bot/reach.json' }).reachFile).toBe('/var/bot/reach.json');
  });

  it('treats a blank variable as unset', () => {
    expect(loadConfig({ PORT: '', HOST: ' ', MicrosoftAppPassword: '' })).toMatchObject({
      port: 3978,
      localMode: true,
    });
  });

  it.each(['abc', '-1', '65536', '3.5', '1e3', '0x10'])('refuses PORT %j, naming it and the value', (port) => {
    expect(() => loadConfig({ PORT: port })).toThrow(`PORT must be a whole number from 0 to 65535, got "${port}"`);
  });

  it('refuses an unknown MicrosoftAppType and accepts the known ones in any case', () => {
    expect(() => loadConfig({ ...credentials, MicrosoftAppType: 'Personal' })).toThrow(
      'MicrosoftAppType must be one of MultiTenant, SingleTenant, UserAssignedMSI, got "Personal"',
    );
    expect(loadConfig({ ...credentials, MicrosoftAppType: 'multitenant' }).credentials.appType).toBe('MultiTenant');
    const msi = loadConfig({ MicrosoftAppId: 'id', MicrosoftAppType: 'UserAssignedMsi', MicrosoftAppTenantId: 't' });
    expect(msi.credentials.appType).toBe('UserAssignedMSI');
  });

  it('refuses SingleTenant without a tenant id', () => {
    expect(() => loadConfig({ ...credentials, MicrosoftAppType: 'SingleTenant' })).toThrow(
      'MicrosoftAppType SingleTenant needs MicrosoftAppTenantId',
    );
  });

  it('refuses half-set credentials', () => {
    expect(() => loadConfig({ MicrosoftAppPassword: 'secret' })).toThrow(/MicrosoftAppPassword is set but MicrosoftAppId/);
    expect(() => loadConfig({ MicrosoftAppId: 'app-id' })).toThrow(/MicrosoftAppPassword is not/);
    expect(() => loadConfig({ MicrosoftAppId: 'id', MicrosoftAppType: 'UserAssignedMSI' })).toThrow(/UserAssignedMSI needs/);
    expect(() =>
      loadConfig({ ...credentials, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: 't' }),
    ).toThrow(/must not have a MicrosoftAppPassword/);
  });

  it.each(['0', '-2', 'week', 'Infinity'])('refuses CONVERSATION_IDLE_DAYS %j', (days) => {
    expect(() => loadConfig({ CONVERSATION_IDLE_DAYS: days })).toThrow(
      `CONVERSATION_IDLE_DAYS must be a positive number, got "${days}"`,
    );
  });

  it.each(['0', '-5', 'many', '2.5', '1e4', '20,000', '10000001'])('refuses MAX_CONVERSATIONS %j, naming it, the range and the value', (count) => {
    expect(() => loadConfig({ MAX_CONVERSATIONS: count })).toThrow(
      `MAX_CONVERSATIONS must be a whole number from 1 to 10000000, got "${count}"`,
    );
  });

  it.each(['0', 'big', '12.5'])('refuses MAX_BODY_KB %j', (kb) => {
    expect(() => loadConfig({ MAX_BODY_KB: kb })).toThrow(`MAX_BODY_KB must be a whole number`);
  });

  it.each(['0', '-5', 'many', '2.5', '1000001'])('refuses MAX_CONNECTIONS %j, naming it and the range', (count) => {
    expect(() => loadConfig({ MAX_CONNECTIONS: count })).toThrow(`MAX_CONNECTIONS must be a whole number from 1 to 1000000, got "${count}"`);
  });

  it.each(['0', '999', '5s', '3600001'])('refuses KEEP_ALIVE_TIMEOUT_MS %j, naming it and the range', (ms) => {
    expect(() => loadConfig({ KEEP_ALIVE_TIMEOUT_MS: ms })).toThrow(
      `KEEP_ALIVE_TIMEOUT_MS must be a whole number from 1000 to 3600000, got "${ms}"`,
    );
  });
});
