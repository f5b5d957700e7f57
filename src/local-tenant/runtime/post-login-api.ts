import type { PostLoginApi } from "../../action/actions-api";
import type { ActionCache } from "./action-cache";
import type { RuntimeError } from "./runtime-error";

export const maxPrimaryUserIdLength = 128;

export interface RecordedCommands {
  denied?: string;
  primaryUserId?: string;
  appMetadata: Record<string, unknown>;
  userMetadata: Record<string, unknown>;
  /** A command Auth0 would fail the transaction over. */
  error?: RuntimeError;
}

export interface PostLoginApiRecorder {
  api: PostLoginApi;
  commands(): RecordedCommands;
}

/** The `api` of one execution: it records commands; the login applies them afterwards. */
export function createPostLoginApi(cache: ActionCache): PostLoginApiRecorder {
  const recorded: RecordedCommands = { appMetadata: {}, userMetadata: {} };
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
      appMetadata: { ...recorded.appMetadata },
      userMetadata: { ...recorded.userMetadata },
    }),
  };
}
