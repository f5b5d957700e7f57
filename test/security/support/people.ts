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
