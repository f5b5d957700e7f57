import { timingSafeEqual } from "node:crypto";
import type { Connection, TenantState } from "../tenant-state";

/** The password of every database user the tenant was not told otherwise about (local only). */
export const defaultLocalPassword = "local-tenant-password";

/**
 * Passwords of database users, which the Management API never returns. A user without one set
 * signs in with `defaultLocalPassword`.
 */
export class DatabaseCredentials {
  readonly #passwords = new Map<string, string>();

  constructor(passwords: Record<string, string> = {}) {
    for (const [userId, password] of Object.entries(passwords)) this.set(userId, password);
  }

  /** `userId` is the database identity's full id, `auth0|...`. */
  set(userId: string, password: string): void {
    this.#passwords.set(userId, password);
  }

  matches(userId: string, password: string): boolean {
    const expected = Buffer.from(this.#passwords.get(userId) ?? defaultLocalPassword);
    const actual = Buffer.from(password);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
}

export interface DatabaseIdentity {
  /** The identity's id without the `auth0|` prefix. */
  providerUserId: string;
  email: string;
  emailVerified: boolean;
}

/**
 * The database identity signed in to with `email` on `connection`, whether it is a user's main
 * identity or was linked into another user. Database connections store addresses in lower case.
 */
export function findDatabaseIdentity(
  state: TenantState,
  connection: Connection,
  email: string,
): DatabaseIdentity | undefined {
  const wanted = email.trim().toLowerCase();
  for (const user of state.listUsers()) {
    for (const [index, identity] of user.identities.entries()) {
      if (identity.connection !== connection.name) continue;
      const profile = index === 0 ? user : (identity.profileData ?? {});
      if (typeof profile.email !== "string" || profile.email.toLowerCase() !== wanted) continue;
      return {
        providerUserId: String(identity.user_id),
        email: profile.email,
        emailVerified: profile.email_verified === true,
      };
    }
  }
  return undefined;
}
