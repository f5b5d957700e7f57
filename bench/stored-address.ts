import type { StoredUser } from "../src/local-tenant/tenant-state";

/**
 * How an account's address is stored. users-by-email is case-sensitive, so a lower-case sign-up
 * cannot find an account stored with capitals: the Action keeps no "already checked" marker on
 * such an account, and each of its logins looks its address up again.
 */
export const storedAddressCases = ["lower-case", "capitalised"] as const;
export type StoredAddressCase = (typeof storedAddressCases)[number];

/** An account without an address has no capitals to look up. */
export function storedAddressCaseOf(
  user: Pick<StoredUser, "email"> | undefined,
): StoredAddressCase {
  return hasCapitals(user?.email) ? "capitalised" : "lower-case";
}

export function hasCapitals(email: string | undefined): boolean {
  return email !== undefined && /[A-Z]/.test(email);
}
