import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';
import type { Account } from 'oidc-provider';

/**
 * A real OpenID Connect provider (panva's oidc-provider) standing in for a district's
 * single sign-on, on 127.0.0.1 port 0 inside the test process. Its login step is the
 * only shortcut: instead of a password form, the person arranged with `signInAs` is
 * signed in and consents at once. Everything Accord sees — discovery, the authorization
 * redirect, PKCE, state, nonce, the code exchange, ID token and userinfo — is the real
 * protocol.
 */
export interface DistrictIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Registers Accord's callback URL; Accord's port is known only after the IdP's issuer was given to it. */
  registerClient(redirectUri: string): void;
  /** The person who "signs in" at the district on the next authorization request. */
  signInAs(person: { email: string; emailVerified?: boolean; name?: string }): void;
  /** Errors the provider reported while handling requests; a test expects none. */
  serverErrors: unknown[];
  close(): Promise<void>;
}

interface Person {
  sub: string;
  email: string;
  emailVerified: boolean;
  name: string;
}

export async function startDistrictIdp(): Promise<DistrictIdp> {
  const people = new Map<string, Person>();
  let nextSignIn: Person | null = null;
  let provider: Provider | null = null;
  const serverErrors: unknown[] = [];
  const clientId = 'accord';
  const clientSecret = randomBytes(24).toString('base64url');

  async function handleInteraction(p: Provider, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await p.interactionDetails(req, res);
    if (!nextSignIn) throw new Error('the test did not arrange who signs in at the district (signInAs)');
    const accountId = nextSignIn.sub;
    const grant = new p.Grant({ accountId, clientId: String(details.params.client_id) });
    grant.addOIDCScope(String(details.params.scope));
    const grantId = await grant.save();
    await p.interactionFinished(req, res, { login: { accountId }, consent: { grantId } }, { mergeWithLastSubmission: false });
  }

  const server = createServer((req, res) => {
    if (!provider) {
      res.statusCode = 503;
      res.end('identity provider not configured yet');
      return;
    }
    if ((req.url ?? '').startsWith('/interaction/')) {
      handleInteraction(provider, req, res).catch((err: unknown) => {
        serverErrors.push(err);
        res.statusCode = 500;
        res.end(err instanceof Error ? err.message : String(err));
      });
      return;
    }
    provider.callback()(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('identity provider is not listening on TCP');
  const issuer = `http://127.0.0.1:${address.port}`;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), alg: 'RS256', use: 'sig', kid: 'district-test-key' };

  return {
    issuer,
    clientId,
    clientSecret,
    serverErrors,
    registerClient(redirectUri) {
      const created = new Provider(issuer, {
        clients: [
          {
            client_id: clientId,
            client_secret: clientSecret,
            redirect_uris: [redirectUri],
            grant_types: ['authorization_code'],
            response_types: ['code'],
            token_endpoint_auth_method: 'client_secret_basic',
          },
        ],
        async findAccount(_ctx, sub): Promise<Account | undefined> {
          const person = people.get(sub);
          if (!person) return undefined;
          return {
            accountId: sub,
            claims: () => ({ sub, email: person.email, email_verified: person.emailVerified, name: person.name }),
          };
        },
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
        features: { devInteractions: { enabled: false } },
        jwks: { keys: [signingKey] },
        cookies: { keys: [randomBytes(16).toString('hex')] },
      });
      created.on('server_error', (_ctx, err) => serverErrors.push(err));
      provider = created;
    },
    signInAs(person) {
      const sub = `district-${randomBytes(6).toString('hex')}`;
      nextSignIn = { sub, email: person.email, emailVerified: person.emailVerified ?? true, name: person.name ?? person.email };
      people.set(sub, nextSignIn);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
