import type { PostLoginUser } from "../../action/actions-api";
import type { PostLoginEventWithoutSecrets } from "../runtime/action-instance";
import type { Connection, StoredUser } from "../tenant-state";

export const localTenantId = "local";
export const defaultProtocol = "oidc-basic-profile";

// Login statistics live in `event.stats`, not on `event.user`.
const fieldsNotOnEventUser = new Set(["logins_count", "last_login", "last_ip"]);

export interface PostLoginEventInput {
  user: StoredUser;
  connection: Connection;
  client: { client_id: string; name: string };
  protocol: string;
  transactionId: string;
}

/** The post-login v3 `event` Auth0 builds for a login, without `secrets`. */
export function buildPostLoginEvent(input: PostLoginEventInput): PostLoginEventWithoutSecrets {
  const user = Object.fromEntries(
    Object.entries(structuredClone(input.user)).filter(
      ([field]) => !fieldsNotOnEventUser.has(field),
    ),
  ) as PostLoginUser;
  return {
    user,
    connection: { ...input.connection, metadata: {} },
    client: { ...input.client, metadata: {} },
    transaction: { id: input.transactionId, protocol: input.protocol },
    stats: { logins_count: input.user.logins_count ?? 0 },
    tenant: { id: localTenantId },
    request: { ip: "127.0.0.1", hostname: "localhost" },
  };
}
