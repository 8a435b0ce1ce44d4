import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type Request,
  type Response,
  type TurnContext,
} from 'botbuilder';
import { AuthenticationConstants, AuthenticationError, type BotFrameworkAuthentication } from 'botframework-connector';
import type { Config } from '../config.ts';
import { withOutboundDeadline } from './outboundDeadline.ts';
import { ReusedClientsAuthentication } from './reusedClients.ts';

export type TurnErrorHandler = (context: TurnContext, error: Error) => Promise<void>;

/** 'ok', or the status to answer: 401 for a token that does not verify, 503 when the signing keys cannot be fetched. */
export type Admission = 'ok' | 401 | 503;

/** The Bot Framework's door for the server: who sent a request, then its turn on CloudAdapter as shipped. */
export interface BotDoor {
  readonly adapter: CloudAdapter;
  authenticate(activity: object, authHeader: string): Promise<Admission>;
  process(req: Request, res: Response, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}

export interface AdapterOptions {
  /** Without the assistant's reused outbound clients (src/bot/reusedClients.ts): the bare stack, the benchmark's echo. */
  stock?: boolean;
}

/**
 * The Bot Framework adapter for the configured app registration. In local mode there are no
 * credentials, and CloudAdapter then accepts unauthenticated requests (Emulator, tests).
 */
export function createAdapter(config: Config, onError: TurnErrorHandler, { stock = false }: AdapterOptions = {}): BotDoor {
  const { appId, appPassword, appType, tenantId } = config.credentials;
  const settings: ConfigurationBotFrameworkAuthenticationOptions = config.localMode
    ? {}
    : withoutUnset({
        MicrosoftAppId: appId,
        MicrosoftAppPassword: appPassword,
        // botbuilder compares the type case-insensitively and spells it "UserAssignedMsi".
        MicrosoftAppType: appType,
        MicrosoftAppTenantId: tenantId,
        ...signingKeysAt(config.openIdMetadata),
      });
  const credentials = new ConfigurationServiceClientCredentialFactory(settings);
  const configured = new ConfigurationBotFrameworkAuthentication(settings, credentials, undefined, undefined, withOutboundDeadline(config.outboundTimeoutMs));
  const authentication: BotFrameworkAuthentication = stock ? configured : new ReusedClientsAuthentication(configured);
  const adapter = new CloudAdapter(authentication);
  adapter.onTurnError = onError;
  return {
    adapter,
    // Checked before the turn (and again by CloudAdapter, as it always does): the answer is the server's to word, never the library's text.
    authenticate: async (activity, authHeader) => {
      try {
        await authentication.authenticateRequest(activity as Activity, authHeader);
        return 'ok';
      } catch (error) {
        const status = unreachable(error) ? 503 : 401;
        console.warn(`request refused with ${status}: ${(error as Error)?.message ?? error}`);
        return status;
      }
    },
    process: (req, res, logic) => adapter.process(req, res, logic),
  };
}

/**
 * Where the signing keys are published, when a setting moves them. botbuilder then takes every cloud
 * setting as given (any one set means all are), so the others are the public cloud's, as it would use.
 */
function signingKeysAt({ channel, emulator }: Config['openIdMetadata']): Record<string, string> {
  if (!channel && !emulator) return {};
  return {
    ToChannelFromBotLoginUrl: AuthenticationConstants.ToChannelFromBotLoginUrl,
    ToChannelFromBotOAuthScope: AuthenticationConstants.ToChannelFromBotOAuthScope,
    ToBotFromChannelTokenIssuer: AuthenticationConstants.ToBotFromChannelTokenIssuer,
    OAuthUrl: AuthenticationConstants.OAuthUrl,
    ToBotFromChannelOpenIdMetadataUrl: channel ?? AuthenticationConstants.ToBotFromChannelOpenIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: emulator ?? AuthenticationConstants.ToBotFromEmulatorOpenIdMetadataUrl,
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}

const NETWORK_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

/** The signing keys could not be fetched (a network failure, or the key service answering with an error). */
function unreachable(error: unknown): boolean {
  const { code, name, statusCode } = (error ?? {}) as { code?: unknown; name?: unknown; statusCode?: unknown };
  if (error instanceof AuthenticationError) return statusCode === 500;
  return name === 'FetchError' || (typeof code === 'string' && NETWORK_CODES.has(code));
}

function withoutUnset(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
