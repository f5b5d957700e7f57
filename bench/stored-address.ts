import type { StoredUser } from "../src/local-tenant/tenant-state";

/**
 * How an account's address is stored. users-by-email is case-sensitive, so a lower-case sign-up
 * cannot find an account stored with capitals: each login of such an account asks users-by-email
 * for the lower-case form of its address, even once checked.
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
