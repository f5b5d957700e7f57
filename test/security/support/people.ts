import type { LoginInput } from "../../../src/local-tenant/simulator/login";
import type { AccountSpec } from "./accounts";
import { databaseConnection } from "./scenario";

/** The person under attack and the attacker, with what each really controls. */
export const victim = {
  email: "victim@example.com",
  googleId: "victim-google-1",
  appleId: "victim-apple-1",
  databaseId: "victim-database-1",
  passwordlessId: "victim-email-1",
} as const;

export const attacker = {
  /** The attacker's own mailbox: the one address the attacker can prove. */
  email: "attacker@example.net",
  databaseId: "attacker-database-1",
  googleId: "attacker-google-1",
  enterpriseId: "attacker-entra-1",
  federatedId: "attacker-oauth2-1",
} as const;

/** Before any login the scenario plays: accounts made earlier are older. */
export const monthsAgo = (months: number) => new Date(Date.UTC(2025, 12 - months, 1)).toISOString();

/** The victim's verified password account, a year old unless `extra` says otherwise. */
export function victimDatabaseAccount(extra: Partial<AccountSpec> = {}): AccountSpec {
  return {
    connection: databaseConnection,
    providerUserId: victim.databaseId,
    email: victim.email,
    emailVerified: true,
    createdAt: monthsAgo(12),
    ...extra,
  };
}

/** The victim's verified Google account. */
export function victimGoogleAccount(
  createdAt: string,
  extra: Partial<AccountSpec> = {},
): AccountSpec {
  return {
    connection: "google-oauth2",
    providerUserId: victim.googleId,
    email: victim.email,
    emailVerified: true,
    createdAt,
    ...extra,
  };
}

/** The attacker's password account registered with the victim's address, never verified. */
export function squattedDatabaseAccount(
  createdAt: string,
  extra: Partial<AccountSpec> = {},
): AccountSpec {
  return {
    connection: databaseConnection,
    providerUserId: attacker.databaseId,
    email: victim.email,
    emailVerified: false,
    createdAt,
    ...extra,
  };
}

/** The victim signs in with Google, which vouches for the victim's address. */
export const victimGoogleLogin: LoginInput = {
  connection: "google-oauth2",
  providerUserId: victim.googleId,
  email: victim.email,
  emailVerified: true,
};

/** The attacker's own Google account, signing in with `email` as Google reports it. */
export function attackerGoogleLogin(email: string, emailVerified: boolean | undefined): LoginInput {
  return { connection: "google-oauth2", providerUserId: attacker.googleId, email, emailVerified };
}

/** The attacker signs in to the squatted password account, the victim's address still unverified. */
export const squatterLogin: LoginInput = {
  connection: databaseConnection,
  providerUserId: attacker.databaseId,
  email: victim.email,
  emailVerified: false,
};

/** The victim signs in to their own database account, whose address the database verified. */
export const victimDatabaseLogin: LoginInput = {
  ...victimGoogleLogin,
  connection: databaseConnection,
  providerUserId: victim.databaseId,
};
