/**
 * oidc-provider ships no type declarations. This declares only the part the test
 * identity provider (tests/support/district-idp.ts) uses, typed from its documentation
 * (https://github.com/panva/node-oidc-provider/blob/main/docs/README.md).
 */
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface AccountClaims {
    sub: string;
    [claim: string]: unknown;
  }

  export interface Account {
    accountId: string;
    claims(use: 'id_token' | 'userinfo', scope: string): Promise<AccountClaims> | AccountClaims;
  }

  export interface ClientMetadata {
    client_id: string;
    client_secret?: string;
    redirect_uris: string[];
    grant_types?: string[];
    response_types?: string[];
    token_endpoint_auth_method?: 'client_secret_basic' | 'client_secret_post' | 'none';
  }

  export interface Configuration {
    clients?: ClientMetadata[];
    /** ctx is the provider's Koa context; the test provider does not need it. */
    findAccount?: (ctx: unknown, sub: string) => Promise<Account | undefined>;
    claims?: Record<string, string[] | null>;
    scopes?: string[];
    features?: { devInteractions?: { enabled: boolean } };
    /** Private signing keys as JWKs (node:crypto KeyObject.export({ format: "jwk" }) plus kid, alg, use). */
    jwks?: { keys: Record<string, unknown>[] };
    cookies?: { keys?: string[] };
    interactions?: { url?: (ctx: unknown, interaction: { uid: string }) => Promise<string> };
    /** When true (the default), code-flow ID tokens carry only `sub` and protocol claims; the rest come from userinfo. */
    conformIdTokenClaims?: boolean;
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown>;
  }

  export interface InteractionResults {
    login?: { accountId: string };
    consent?: { grantId: string };
    error?: string;
    error_description?: string;
  }

  export class Grant {
    constructor(init: { accountId: string; clientId: string });
    addOIDCScope(scope: string): void;
    save(): Promise<string>;
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    readonly Grant: typeof Grant;
    /** Events such as 'server_error' (ctx, error); see the provider's events documentation. */
    on(event: string, listener: (...args: unknown[]) => void): this;
    /** The Koa application as a Node request listener. */
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }
}
