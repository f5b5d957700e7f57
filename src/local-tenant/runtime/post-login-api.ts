import type { PostLoginApi, TransactionMetadataValue } from "../../actions-platform/post-login";
import type { ActionCache } from "./action-cache";
import type { RuntimeError } from "./runtime-error";

export const maxPrimaryUserIdLength = 128;
export const transactionMetadataLimits = {
  keyCharacters: 64,
  valueBytes: 8 * 1024,
  totalBytes: 16 * 1024,
} as const;

/** Where `api.redirect.sendUserTo` sends the browser, before Auth0 appends its `state`. */
export interface RecordedRedirect {
  url: string;
  query: Record<string, string>;
}

export interface RecordedCommands {
  denied?: string;
  primaryUserId?: string;
  appMetadata: Record<string, unknown>;
  userMetadata: Record<string, unknown>;
  redirect?: RecordedRedirect;
  /** `api.multifactor.enable(provider, options)`: MFA required at the end of the flow. */
  multifactor?: { provider: string; allowRememberBrowser: boolean };
  /** Each `api.authentication.challengeWith(...)` / `challengeWithAny(...)`: the factors offered. */
  challenges: string[][];
  /** A command Auth0 would fail the transaction over. */
  error?: RuntimeError;
}

export interface PostLoginApiRecorder {
  api: PostLoginApi;
  commands(): RecordedCommands;
}

/**
 * The `api` of one execution: it records commands; the login applies them afterwards.
 * `transactionMetadata` is the event's own `event.transaction.metadata`, which Auth0 updates
 * in real time.
 */
export function createPostLoginApi(
  cache: ActionCache,
  transactionMetadata: Record<string, TransactionMetadataValue> = {},
): PostLoginApiRecorder {
  const recorded: RecordedCommands = { appMetadata: {}, userMetadata: {}, challenges: [] };
  const recordError = (error: RuntimeError): void => {
    recorded.error ??= error;
  };

  const api: PostLoginApi = {
    access: {
      deny(reason) {
        recorded.denied ??= String(reason);
        return api;
      },
    },
    authentication: {
      setPrimaryUser(primaryUserId) {
        if (recorded.primaryUserId !== undefined) {
          recordError({
            code: "primary_user_already_set",
            message: "setPrimaryUser can be called once per transaction",
          });
          return;
        }
        if (
          typeof primaryUserId !== "string" ||
          primaryUserId.length === 0 ||
          primaryUserId.length > maxPrimaryUserIdLength
        ) {
          recordError({
            code: "primary_user_id_invalid",
            message: `setPrimaryUser needs a user id of 1 to ${maxPrimaryUserIdLength} characters`,
          });
          return;
        }
        recorded.primaryUserId = primaryUserId;
      },
      challengeWith(factor, options) {
        recorded.challenges.push(
          [factor, ...(options?.additionalFactors ?? [])].map((offered) => offered.type),
        );
      },
      challengeWithAny(factors) {
        recorded.challenges.push(factors.map((offered) => offered.type));
      },
    },
    multifactor: {
      enable(provider, options) {
        recorded.multifactor = {
          provider: String(provider),
          allowRememberBrowser: options?.allowRememberBrowser === true,
        };
        return api;
      },
    },
    user: {
      setAppMetadata(key, value) {
        recorded.appMetadata[key] = value;
        return api;
      },
      setUserMetadata(key, value) {
        recorded.userMetadata[key] = value;
        return api;
      },
    },
    redirect: {
      sendUserTo(url, options) {
        const redirect = recordedRedirect(url, options?.query);
        if (redirect) {
          recorded.redirect = redirect;
        } else {
          recordError({
            code: "redirect_invalid",
            message: "sendUserTo needs an absolute http(s) URL and a query of strings",
          });
        }
      },
    },
    transaction: {
      setMetadata(key, value) {
        setTransactionMetadata(transactionMetadata, key, value);
      },
    },
    cache: {
      get: (key) => cache.get(key),
      set: (key, value, options) => cache.set(key, value, options),
      delete: (key) => cache.delete(key),
    },
  };

  return {
    api,
    commands: () => ({
      ...recorded,
      ...(recorded.redirect ? { redirect: structuredClone(recorded.redirect) } : {}),
      appMetadata: { ...recorded.appMetadata },
      userMetadata: { ...recorded.userMetadata },
      challenges: recorded.challenges.map((factors) => [...factors]),
    }),
  };
}

function recordedRedirect(url: unknown, query: unknown): RecordedRedirect | undefined {
  if (typeof url !== "string" || !URL.canParse(url)) return undefined;
  if (!["https:", "http:"].includes(new URL(url).protocol)) return undefined;
  if (query === undefined) return { url, query: {} };
  if (typeof query !== "object" || query === null) return undefined;
  const entries = Object.entries(query);
  if (!entries.every(([, value]) => typeof value === "string")) return undefined;
  return { url, query: Object.fromEntries(entries) as Record<string, string> };
}

// Auth0 documents these limits; a call beyond them is a programming error, so it throws where
// the Action can see it.
function setTransactionMetadata(
  metadata: Record<string, TransactionMetadataValue>,
  key: string,
  value: TransactionMetadataValue | null,
): void {
  if (
    typeof key !== "string" ||
    key.length === 0 ||
    key.length > transactionMetadataLimits.keyCharacters
  ) {
    throw new TypeError(
      `transaction metadata keys are 1 to ${transactionMetadataLimits.keyCharacters} characters`,
    );
  }
  if (value === null) {
    delete metadata[key];
    return;
  }
  if (!["string", "number", "boolean"].includes(typeof value)) {
    throw new TypeError("transaction metadata values are strings, numbers or booleans");
  }
  const next = { ...metadata, [key]: value };
  if (Buffer.byteLength(String(value)) > transactionMetadataLimits.valueBytes) {
    throw new RangeError(
      `transaction metadata values are at most ${transactionMetadataLimits.valueBytes} bytes`,
    );
  }
  if (Buffer.byteLength(JSON.stringify(next)) > transactionMetadataLimits.totalBytes) {
    throw new RangeError(
      `transaction metadata is at most ${transactionMetadataLimits.totalBytes} bytes in all`,
    );
  }
  metadata[key] = value;
}
