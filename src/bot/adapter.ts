import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../config.ts';

export type TurnErrorHandler = (context: TurnContext, error: Error) => Promise<void>;

/**
 * The Bot Framework adapter for the configured app registration. In local mode there are no
 * credentials, and CloudAdapter then accepts unauthenticated requests (Emulator, tests).
 */
export function createAdapter(config: Config, onError: TurnErrorHandler): CloudAdapter {
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
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication(settings, credentials));
  adapter.onTurnError = onError;
  return adapter;
}

function withoutUnset(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
