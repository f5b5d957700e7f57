import type { AccountSnapshot } from "./account";

/**
 * One account is its main identity: provider, connection and id. Two database connections can
 * each hold a user with the same id (the link request's `connection_id` exists for them), so
 * answers about several accounts are merged by this key, never by `user_id`, or one of two such
 * users would silently replace the other.
 */
export function accountKey(account: AccountSnapshot): string {
  const main = account.identities[0];
  return main === undefined
    ? JSON.stringify([account.userId])
    : JSON.stringify([main.provider, main.connection, main.providerUserId]);
}

/** The accounts once each, by `accountKey`, the last answer for one winning. */
export function mergeByAccount(accounts: Iterable<AccountSnapshot>): AccountSnapshot[] {
  const byKey = new Map<string, AccountSnapshot>();
  for (const account of accounts) byKey.set(accountKey(account), account);
  return [...byKey.values()];
}

/**
 * Whether another of `accounts` has the same user id as `account`: every request that names that
 * id (the primary of a link, a metadata write, a read of its roles) could reach either user.
 */
export function sharesUserId(
  account: AccountSnapshot,
  accounts: readonly AccountSnapshot[],
): boolean {
  const key = accountKey(account);
  return accounts.some((other) => other.userId === account.userId && accountKey(other) !== key);
}
