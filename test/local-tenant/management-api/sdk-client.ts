import { UsersClient } from "auth0/users";
import type { ManagementApiServer } from "../../../src/local-tenant/management-api";
import { startDemoTenantWithToken } from "./harness";

/** The real SDK the Action uses, pointed at the local tenant, without its built-in retries. */
export function usersClient(server: ManagementApiServer, token: string): UsersClient {
  return new UsersClient({
    baseUrl: `https://${server.domain}/api/v2`,
    token: () => token,
    maxRetries: 0,
  });
}

/** The demo tenant, a token for the linking Action's client, and the SDK using that token. */
export async function startDemoTenantWithUsersClient() {
  const { server, token } = await startDemoTenantWithToken();
  return { server, token, users: usersClient(server, token) };
}
