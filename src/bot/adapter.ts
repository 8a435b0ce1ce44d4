import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../config.ts';
import { ReusedClientsAuthentication } from './reusedClients.ts';

export type TurnErrorHandler = (context: TurnContext, error: Error) => Promise<void>;

export interface AdapterOptions {
  /**
   * Whether outbound clients are made once and reused (src/bot/reusedClients.ts) rather than made anew
   * on every turn as CloudAdapter does by itself. On unless turned off: the benchmark's echo baseline is
   * the stock stack.
   */
  reuseClients?: boolean;
}

/**
 * The Bot Framework adapter for the configured app registration. In local mode there are no
 * credentials, and CloudAdapter then accepts unauthenticated requests (Emulator, tests).
 */
export function createAdapter(config: Config, onError: TurnErrorHandler, { reuseClients = true }: AdapterOptions = {}): CloudAdapter {
  const { appId, appPassword, appType, tenantId } = config.credentials;
  const settings = config.localMode
    ? {}
    : withoutUnset({
        MicrosoftAppId: appId,
        MicrosoftAppPassword: appPassword,
        // botbuilder compares the type case-insensitively and spells it "UserAssignedMsi".
        MicrosoftAppType: appType,
        MicrosoftAppTenantId: tenantId,
      });
  const credentials = new ConfigurationServiceClientCredentialFactory(settings);
  const authentication = new ConfigurationBotFrameworkAuthentication(settings, credentials);
  const adapter = new CloudAdapter(reuseClients ? new ReusedClientsAuthentication(authentication) : authentication);
  adapter.onTurnError = onError;
  return adapter;
}

function withoutUnset(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
