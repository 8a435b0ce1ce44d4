// Plays the Bot Framework's sign-in side on loopback: an OpenID configuration and its signing keys (as
// login.botframework.com publishes them, with each key's endorsed channels), and tokens signed as the
// channel service signs them. The assistant is pointed at it with ToBotFromChannelOpenIdMetadataUrl.
import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const CHANNEL_ISSUER = 'https://api.botframework.com';

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

export interface SigningKey {
  kid: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export function signingKey(kid: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { kid, privateKey, publicKey };
}

/** A JWT as the channel service makes it; `alg: 'none'` leaves it unsigned. */
export function channelToken(key: SigningKey, claims: { aud: string; serviceurl: string; expiresIn?: number }, alg: 'RS256' | 'none' = 'RS256'): string {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg, typ: 'JWT', kid: key.kid, x5t: key.kid }));
  const payload = base64url(JSON.stringify({
    iss: CHANNEL_ISSUER, aud: claims.aud, serviceurl: claims.serviceurl, nbf: now - 60, iat: now - 60, exp: now + (claims.expiresIn ?? 3600),
  }));
  if (alg === 'none') return `${header}.${payload}.`;
  const signature = createSign('RSA-SHA256').update(`${header}.${payload}`).sign(key.privateKey);
  return `${header}.${payload}.${base64url(signature)}`;
}

/** The OpenID configuration and the keys, with the channels each key is endorsed for. */
export async function startOpenIdProvider(keys: SigningKey[], endorsements = ['msteams', 'webchat', 'directline', 'emulator']) {
  const server: Server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader('content-type', 'application/json');
    if (req.url === '/v1/.well-known/openidconfiguration') {
      res.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `${base}/v1/.well-known/keys`, id_token_signing_alg_values_supported: ['RS256'] }));
    } else if (req.url === '/v1/.well-known/keys') {
      res.end(JSON.stringify({
        keys: keys.map((key) => ({ ...key.publicKey.export({ format: 'jwk' }), kid: key.kid, use: 'sig', endorsements })),
      }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/.well-known/openidconfiguration`;
  return { url, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
