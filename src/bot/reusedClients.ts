// Performance (docs/performance.md, sixth round): buys server CPU per turn on the large practice, 1.03 → about 0.8 ms.
import {
  AuthenticationConstants,
  BotFrameworkAuthentication,
  ConnectorFactory,
  type AuthenticateRequestResult,
  type BotFrameworkClient,
  type ClaimsIdentity,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';

/** Clients kept at most (distinct app id, audience and service URL): a real bot talks to a handful. */
export const MAX_KEPT_CLIENTS = 32;

/**
 * The Bot Framework authentication, with its outbound clients made once and reused.
 *
 * CloudAdapter asks, on every turn, for a new Connector client (to the channel's service URL) and a new
 * user-token client: each is an HTTP client with its own pipeline of a dozen policies, built and then
 * thrown away, even on a turn that answers in the HTTP response (expectReplies, invokes) and never calls
 * out. They hold nothing of the turn (the app's credentials, which fetch and refresh their own token, and
 * the service URL), and Azure's clients are made to be shared, so the ones for the same app id, audience
 * and service URL are kept and handed out again. Inbound authentication is the wrapped one's, untouched.
 */
export class ReusedClientsAuthentication extends BotFrameworkAuthentication {
  private readonly connectors = new KeptClients<ConnectorClient>();
  private readonly userTokens = new KeptClients<UserTokenClient>();

  constructor(private readonly inner: BotFrameworkAuthentication) {
    super();
  }

  async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.inner.authenticateRequest(activity, authHeader));
  }

  async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.reusing(await this.inner.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusedFactory(this.inner.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokens.get(appIdOf(claimsIdentity), () => this.inner.createUserTokenClient(claimsIdentity));
  }

  createBotFrameworkClient(): BotFrameworkClient {
    return this.inner.createBotFrameworkClient();
  }

  getOriginatingAudience(): string {
    return this.inner.getOriginatingAudience();
  }

  authenticateChannelRequest(authHeader: string): Promise<ClaimsIdentity> {
    return this.inner.authenticateChannelRequest(authHeader);
  }

  private reusing(result: AuthenticateRequestResult): AuthenticateRequestResult {
    const { connectorFactory, claimsIdentity } = result;
    return connectorFactory ? { ...result, connectorFactory: this.reusedFactory(connectorFactory, claimsIdentity) } : result;
  }

  private reusedFactory(factory: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return new ReusedConnectorFactory(factory, appIdOf(claimsIdentity), this.connectors);
  }
}

class ReusedConnectorFactory extends ConnectorFactory {
  constructor(
    private readonly inner: ConnectorFactory,
    private readonly appId: string,
    private readonly kept: KeptClients<ConnectorClient>,
  ) {
    super();
  }

  create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
    return this.kept.get(JSON.stringify([this.appId, audience ?? null, serviceUrl]), () => this.inner.create(serviceUrl, audience));
  }
}

/**
 * The app a request's claims are for, as botframework-connector reads it to choose the credentials
 * (the audience claim from a channel, the app id claim from the Emulator; none when unauthenticated).
 */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return claimsIdentity.getClaimValue(AuthenticationConstants.AudienceClaim)
    ?? claimsIdentity.getClaimValue(AuthenticationConstants.AppIdClaim)
    ?? '';
}

/** Clients by key, the least recently used let go beyond MAX_KEPT_CLIENTS; a failed creation is not kept. */
class KeptClients<Client> {
  private readonly clients = new Map<string, Promise<Client>>();

  get(key: string, create: () => Promise<Client>): Promise<Client> {
    const kept = this.clients.get(key);
    if (kept) {
      // Most recently used last: Map keeps insertion order.
      this.clients.delete(key);
      this.clients.set(key, kept);
      return kept;
    }
    const created = create();
    this.clients.set(key, created);
    created.catch(() => {
      if (this.clients.get(key) === created) this.clients.delete(key);
    });
    if (this.clients.size > MAX_KEPT_CLIENTS) this.clients.delete(this.clients.keys().next().value!);
    return created;
  }
}
