import type { StoredUser, TenantSeed } from "../../../src/local-tenant/tenant-state";

/** `count` database users `user-0@example.com` ... created a day apart from 2024-01-01. */
export function manyDatabaseUsers(count: number): StoredUser[] {
  const dayMs = 86_400_000;
  return Array.from({ length: count }, (_, index) => {
    const createdAt = new Date(Date.UTC(2024, 0, 1) + index * dayMs).toISOString();
    const id = `user${String(index).padStart(6, "0")}`;
    return {
      user_id: `auth0|${id}`,
      email: `user-${index}@example.com`,
      email_verified: index % 2 === 0,
      name: `User ${index}`,
      created_at: createdAt,
      updated_at: createdAt,
      identities: [
        {
          provider: "auth0",
          user_id: id,
          connection: "Username-Password-Authentication",
          isSocial: false,
        },
      ],
      app_metadata: {},
      user_metadata: { index },
      logins_count: index % 7,
    };
  });
}

export function withUsers(seed: TenantSeed, users: StoredUser[]): TenantSeed {
  return { ...seed, users: [...seed.users, ...users] };
}
