// The subset of Auth0's post-login (v3) Action interface this project uses. There is no official
// types package on npm, so these are written from Auth0's documentation of `event` and `api`.

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

export interface PostLoginEvent {
  user: PostLoginUser;
  connection: { id: string; name: string; strategy: string; metadata?: Record<string, string> };
  client?: { client_id: string; name: string; metadata?: Record<string, string> };
  transaction?: { id?: string; protocol?: string; requested_scopes?: string[] };
  stats?: { logins_count: number };
  secrets: Record<string, string | undefined>;
  tenant?: { id: string };
  request?: { ip?: string; hostname?: string };
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
  authentication: { setPrimaryUser(primaryUserId: string): void };
  user: {
    setAppMetadata(key: string, value: unknown): PostLoginApi;
    setUserMetadata(key: string, value: unknown): PostLoginApi;
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
