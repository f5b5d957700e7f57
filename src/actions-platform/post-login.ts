// The subset of Auth0's post-login (v3) Action interface this project uses. There is no official
// types package on npm, so these are written from Auth0's documentation of `event` and `api`.
// They are the contract between the Action (src/action) and the local tenant's runtime
// (src/local-tenant/runtime), which both import them and neither owns.

export interface Identity {
  provider: string;
  user_id: string;
  connection: string;
  isSocial: boolean;
  profileData?: Record<string, unknown>;
}

export interface PostLoginUser {
  user_id: string;
  email?: string;
  email_verified?: boolean;
  created_at?: string;
  identities?: Identity[];
  app_metadata?: Record<string, unknown>;
  user_metadata?: Record<string, unknown>;
  [key: string]: unknown;
}

export type TransactionMetadataValue = string | number | boolean;

export interface PostLoginTransaction {
  /** Set for browser flows; the same in `onExecutePostLogin` and `onContinuePostLogin`. */
  id?: string;
  protocol?: string;
  requested_scopes?: string[];
  prompt?: string[];
  login_hint?: string;
  redirect_uri?: string;
  state?: string;
  metadata?: Record<string, TransactionMetadataValue>;
}

/** The request that reached Auth0: the authorization request, or `/continue` after a redirect. */
export interface PostLoginRequest {
  ip?: string;
  hostname?: string;
  method?: string;
  query?: Record<string, string | undefined>;
  body?: Record<string, unknown>;
  user_agent?: string;
  language?: string;
}

export interface AuthenticationMethod {
  /** `pwd`, `federated`, `email`, `sms`, `mfa`, ... */
  name: string;
  timestamp?: string;
}

export interface PostLoginEvent {
  user: PostLoginUser;
  /** What this session proved so far; `{ name: "mfa" }` once MFA passed. */
  authentication?: { methods?: AuthenticationMethod[] };
  /** Set in an organization login, after Auth0 checked the membership. */
  organization?: {
    id: string;
    name: string;
    display_name?: string;
    metadata?: Record<string, string>;
  };
  connection: { id: string; name: string; strategy: string; metadata?: Record<string, string> };
  client?: { client_id: string; name: string; metadata?: Record<string, string> };
  transaction?: PostLoginTransaction;
  stats?: { logins_count: number };
  secrets: Record<string, string | undefined>;
  tenant?: { id: string };
  request?: PostLoginRequest;
}

export interface CacheEntry {
  value: string;
  expires_at: number;
}

export interface CacheWriteResult {
  type: "success" | "error";
  code?: string;
}

export interface PostLoginApi {
  access: { deny(reason: string): PostLoginApi };
  authentication: {
    setPrimaryUser(primaryUserId: string): void;
    /** Challenges during the flow with one factor (and others the user may pick instead). */
    challengeWith(
      factor: { type: string },
      options?: { additionalFactors?: { type: string }[] },
    ): void;
    challengeWithAny(factors: { type: string }[]): void;
  };
  multifactor: {
    /** Requires a factor at the end of the flow (`any` lets the user use any factor enrolled). */
    enable(provider: string, options?: { allowRememberBrowser?: boolean }): PostLoginApi;
  };
  user: {
    setAppMetadata(key: string, value: unknown): PostLoginApi;
    setUserMetadata(key: string, value: unknown): PostLoginApi;
  };
  redirect: {
    /**
     * Sends the browser to `url` (with `query` appended, and Auth0's own `state`) once this
     * Action finishes; the flow resumes in this Action's `onContinuePostLogin` at `/continue`.
     */
    sendUserTo(url: string, options?: { query?: Record<string, string> }): void;
  };
  transaction: {
    /** Shared along the transaction, also across a redirect; `null` removes the key. */
    setMetadata(key: string, value: TransactionMetadataValue | null): void;
  };
  cache: {
    get(key: string): CacheEntry | undefined;
    set(
      key: string,
      value: string,
      options?: { ttl?: number; expires_at?: number },
    ): CacheWriteResult;
    delete(key: string): CacheWriteResult;
  };
}

export type PostLoginHandler = (event: PostLoginEvent, api: PostLoginApi) => unknown;

/** What a post-login Action's module exports. */
export interface PostLoginActionModule {
  onExecutePostLogin: PostLoginHandler;
  /** Runs when the flow resumes at `/continue` after this Action's `api.redirect.sendUserTo`. */
  onContinuePostLogin?: PostLoginHandler;
}
