import { UsersClient } from "auth0/users";
import type { ManagementApiServer } from "../../../src/local-tenant/management-api";

/** The real SDK the Action uses, pointed at the local tenant, without its built-in retries. */
export function usersClient(server: ManagementApiServer, token: string): UsersClient {
  return new UsersClient({
    baseUrl: `https://${server.domain}/api/v2`,
    token: () => token,
    maxRetries: 0,
  });
}
