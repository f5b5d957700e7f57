import { loadDemoSeed } from "../../../../src/local-tenant/local-tenant";
import type { StoredUser, TenantSeed } from "../../../../src/local-tenant/tenant-state";

export const database = "Username-Password-Authentication";

/** Jane's database account: verified, no linked identities. */
export const jane: StoredUser = {
  user_id: "auth0|jane",
  email: "jane@example.com",
  email_verified: true,
  created_at: "2024-01-01T00:00:00.000Z",
  updated_at: "2024-01-01T00:00:00.000Z",
  identities: [{ provider: "auth0", user_id: "jane", connection: database, isSocial: false }],
  app_metadata: {},
  user_metadata: {},
};

/** The demo tenant's connections and clients, with only `users`. */
export async function demoSeedWith(users: StoredUser[]): Promise<TenantSeed> {
  return { ...(await loadDemoSeed({ withUsers: false })), users: structuredClone(users) };
}
