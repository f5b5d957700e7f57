import type { PostLoginRequest, PostLoginUser } from "../../actions-platform/post-login";
import type { PostLoginEventWithoutSecrets } from "../runtime/action-instance";
import type { Connection, Organization, StoredUser } from "../tenant-state";

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
  /** The authorization request; a plain local login by default. */
  request?: PostLoginRequest;
  prompt?: string[];
  /** What the session proved before Actions ran: `pwd`, `federated`, `email`, `mfa`, ... */
  authenticationMethods: string[];
  organization?: Organization;
}

export const defaultLoginRequest: PostLoginRequest = {
  ip: "127.0.0.1",
  hostname: "localhost",
  method: "GET",
  query: {},
};

/** The post-login v3 `event` Auth0 builds for a login, without `secrets`. */
export function buildPostLoginEvent(input: PostLoginEventInput): PostLoginEventWithoutSecrets {
  return {
    user: postLoginUser(input.user),
    connection: { ...input.connection, metadata: {} },
    client: { ...input.client, metadata: {} },
    transaction: {
      id: input.transactionId,
      protocol: input.protocol,
      ...(input.prompt ? { prompt: [...input.prompt] } : {}),
      metadata: {},
    },
    authentication: {
      methods: input.authenticationMethods.map((name) => ({
        name,
        timestamp: new Date().toISOString(),
      })),
    },
    ...(input.organization
      ? {
          organization: {
            id: input.organization.id,
            name: input.organization.name,
            display_name: input.organization.display_name ?? input.organization.name,
            metadata: {},
          },
        }
      : {}),
    stats: { logins_count: input.user.logins_count ?? 0 },
    tenant: { id: localTenantId },
    request: structuredClone(input.request ?? defaultLoginRequest),
  };
}

/** A stored user as `event.user` shows it. */
export function postLoginUser(stored: StoredUser): PostLoginUser {
  return Object.fromEntries(
    Object.entries(structuredClone(stored)).filter(([field]) => !fieldsNotOnEventUser.has(field)),
  ) as PostLoginUser;
}
