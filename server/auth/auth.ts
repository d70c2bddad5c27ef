import NextAuth, { CredentialsSignin } from 'next-auth';
import type { NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { env } from '../env';
import { verifyAgainstDummy, verifyPassword } from './password';
import { isSignInLimited, recordSignInAttempt } from './rate-limit';
import { findUserByEmail, hasActiveMembership } from './users';
import { clientAddress } from './client-address';
import { OIDC_PROVIDER_ID } from './oidc-provider-id';

/** One message for unknown email and wrong password alike: no account enumeration. */
class InvalidCredentials extends CredentialsSignin {
  code = 'invalid_credentials';
}
class RateLimited extends CredentialsSignin {
  code = 'rate_limited';
}

const credentialsInput = z.object({
  email: z.string().trim().email().max(320),
  password: z.string().min(1).max(200),
});

export { OIDC_PROVIDER_ID };
export const SESSION_MAX_AGE_S = 7 * 24 * 60 * 60;

function buildConfig(): NextAuthConfig {
  const e = env();
  const providers: NextAuthConfig['providers'] = [
    Credentials({
      credentials: { email: { type: 'email' }, password: { type: 'password' } },
      async authorize(raw, request) {
        const parsed = credentialsInput.safeParse(raw);
        if (!parsed.success) throw new InvalidCredentials();
        const email = parsed.data.email.toLowerCase();
        const keys = [`email:${email}`, `ip:${clientAddress(request.headers)}`];
        if (await isSignInLimited(keys)) throw new RateLimited();
        const user = await findUserByEmail(email);
        let ok = false;
        if (user?.passwordHash && !user.disabledAt) ok = await verifyPassword(parsed.data.password, user.passwordHash);
        else await verifyAgainstDummy(parsed.data.password);
        await recordSignInAttempt(keys, ok);
        if (!ok || !user) throw new InvalidCredentials();
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ];
  if (e.oidc) {
    providers.push({
      id: OIDC_PROVIDER_ID,
      name: e.oidc.name,
      type: 'oidc',
      issuer: e.oidc.issuer,
      clientId: e.oidc.clientId,
      clientSecret: e.oidc.clientSecret,
      checks: ['pkce', 'state', 'nonce'],
      // A conforming provider may keep email out of a code-flow ID token and serve it from
      // userinfo only (OpenID Connect Core 5.4); without this, such a district's members
      // would all be refused as unknown. The ID token is still validated.
      idToken: false,
    });
  }

  return {
    secret: e.authSecret,
    // The custom server is the only entry point and sets the host itself.
    trustHost: true,
    session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
    pages: { signIn: '/signin', error: '/signin' },
    providers,
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        // District SSO only signs in people Accord already knows (invited members).
        const email = typeof profile?.email === 'string' ? profile.email : null;
        if (!email || profile?.email_verified === false) return '/signin?error=sso_unknown';
        const user = await findUserByEmail(email);
        if (!user || user.disabledAt || !(await hasActiveMembership(user.id))) return '/signin?error=sso_unknown';
        return true;
      },
      async jwt({ token, user, account, profile }) {
        if (account?.provider === OIDC_PROVIDER_ID && typeof profile?.email === 'string') {
          const known = await findUserByEmail(profile.email);
          if (known) {
            token.uid = known.id;
            token.name = known.name;
            token.email = known.email;
          }
        } else if (user?.id) {
          token.uid = user.id;
        }
        return token;
      },
      session({ session, token }) {
        if (typeof token.uid === 'string') session.user.id = token.uid;
        return session;
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => buildConfig());
