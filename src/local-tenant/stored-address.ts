import type { Connection, StoredUser, UserIdentity } from "./tenant-records";

const databaseStrategy = "auth0";

/**
 * Whether Auth0 keeps this connection's users in its own store, where "the email address
 * associated with a user is saved in lower case, regardless of how you initially provided it"
 * (the description of `GET /api/v2/users-by-email`). A custom database without import mode
 * returns whatever its script returns, capitals included; with import mode the user is copied
 * into Auth0's store at its first login.
 */
export function storesAddressesInLowerCase(connection: Connection | undefined): boolean {
  if (connection?.strategy !== databaseStrategy) return false;
  const options = connection.options ?? {};
  return options.enabledDatabaseCustomization !== true || options.import_mode === true;
}

/**
 * The address as the connection stores it. Which lower-casing Auth0 applies is not documented:
 * this takes the full Unicode one (the Kelvin sign becomes `k`), which maps the most addresses
 * onto one and so is the worst case for code that compares them.
 */
export function storedAddress(connection: Connection | undefined, email: string): string {
  return storesAddressesInLowerCase(connection) ? email.toLowerCase() : email;
}

/**
 * A seeded user as Auth0 would hold it: the root address of a user whose main identity is on a
 * lower-casing database, and each such linked identity's `profileData.email`, in lower case.
 */
export function withStoredAddresses(
  user: StoredUser,
  connectionNamed: (name: string) => Connection | undefined,
): StoredUser {
  const [main, ...linked] = user.identities;
  if (main === undefined) return user;
  const mainConnection = connectionNamed(main.connection);
  return {
    ...user,
    ...(typeof user.email === "string" ? { email: storedAddress(mainConnection, user.email) } : {}),
    identities: [
      main,
      ...linked.map((identity) => withStoredProfileAddress(identity, connectionNamed)),
    ],
  };
}

function withStoredProfileAddress(
  identity: UserIdentity,
  connectionNamed: (name: string) => Connection | undefined,
): UserIdentity {
  const email = identity.profileData?.email;
  if (typeof email !== "string") return identity;
  const stored = storedAddress(connectionNamed(identity.connection), email);
  return { ...identity, profileData: { ...identity.profileData, email: stored } };
}
