import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  StatusCodes,
  type Activity,
  type Request,
  type Response,
  type TurnContext,
} from 'botbuilder';
import { validateAndFixActivity } from 'botbuilder/lib/activityValidator.js';
import { AuthenticationError } from 'botframework-connector';
import type { Config } from '../config.ts';
import { ReusedClientsAuthentication } from './reusedClients.ts';

export type TurnErrorHandler = (context: TurnContext, error: Error) => Promise<void>;

export interface AdapterOptions {
  /**
   * CloudAdapter exactly as botbuilder ships it (the benchmark's echo baseline, the bare stack), rather
   * than the assistant's: LeanCloudAdapter, its outbound clients reused (src/bot/reusedClients.ts).
   */
  stock?: boolean;
}

type Logic = (context: TurnContext) => Promise<void>;

/**
 * CloudAdapter with a leaner HTTP entry to a turn. CloudAdapter.process builds zod schemas afresh on
 * every request to check the response object, the callback, the body and the auth header (a tenth of
 * the garbage a turn of the stock stack makes, and as much CPU as a card). Here the same checks are
 * plain JavaScript, with the same answers: 405 for a method other than POST, 400 for a body that is not
 * an object or has no type, then the turn, answered as CloudAdapter answers it (its invoke or
 * expectReplies response, 401 when authentication fails, 500 when the turn fails). A web socket
 * (the streaming overloads) goes to CloudAdapter as it is.
 */
export class LeanCloudAdapter extends CloudAdapter {
  override async process(req: Request, resOrSocket: any, logicOrHead: any, maybeLogic?: Logic): Promise<void> {
    if (maybeLogic) return super.process(req, resOrSocket, logicOrHead, maybeLogic);
    const res = resOrSocket as Response;
    const logic = logicOrHead as Logic;
    if (typeof res?.status !== 'function' || typeof res.send !== 'function' || typeof res.end !== 'function') throw new TypeError('process(): not a response');
    if (typeof logic !== 'function') throw new TypeError('process(): the turn logic must be a function');
    const end = (status: number, body?: unknown) => {
      res.status(status);
      if (body) res.send(body);
      res.end();
    };
    if (req.method !== 'POST') return end(StatusCodes.METHOD_NOT_ALLOWED);
    const { body } = req;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return end(StatusCodes.BAD_REQUEST, '`req.body` not an object, make sure you are using middleware to parse incoming requests.');
    }
    // Checked as CloudAdapter checks it (an object; validateAndFixActivity wants a string type), no more.
    const activity = validateAndFixActivity(body as unknown as Activity);
    if (!activity.type) {
      console.warn('BadRequest: Missing activity or activity type.');
      return end(StatusCodes.BAD_REQUEST);
    }
    const authHeader = req.headers?.Authorization ?? req.headers?.authorization ?? '';
    if (typeof authHeader !== 'string') throw new TypeError('process(): the authorization header must be a string');
    try {
      const invokeResponse = await this.processActivity(authHeader, activity, logic);
      return end(invokeResponse?.status ?? StatusCodes.OK, invokeResponse?.body);
    } catch (err) {
      console.error(err);
      return end(err instanceof AuthenticationError ? StatusCodes.UNAUTHORIZED : StatusCodes.INTERNAL_SERVER_ERROR, (err as Error).message ?? err);
    }
  }
}

/**
 * The Bot Framework adapter for the configured app registration. In local mode there are no
 * credentials, and CloudAdapter then accepts unauthenticated requests (Emulator, tests).
 */
export function createAdapter(config: Config, onError: TurnErrorHandler, { stock = false }: AdapterOptions = {}): CloudAdapter {
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
  const adapter = stock ? new CloudAdapter(authentication) : new LeanCloudAdapter(new ReusedClientsAuthentication(authentication));
  adapter.onTurnError = onError;
  return adapter;
}

function withoutUnset(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}
