/**
 * The Auth.js id of the district SSO provider: part of its callback URL
 * (/api/auth/callback/district-sso) that districts register. Kept apart from auth.ts so
 * tests can name it without loading next-auth.
 */
export const OIDC_PROVIDER_ID = 'district-sso';
