import type { StoredUser, UserIdentity } from "../../src/local-tenant/tenant-state";
import type { Random } from "../random";
import { addressOf, benchConnections, capitalised, providerUserIdFor } from "../synthetic-tenant";
import { BackfillTruth, type GroupExpectation, type GroupKind } from "./ground-truth";

/**
 * A tenant that grew for years before account linking: most people have one account, some
 * have several with one address, and some groups hold an account that must stay apart. Each
 * person's kind is drawn with these weights (per 10,000 people).
 */
const personKinds: readonly (readonly [GroupKind | "single", number])[] = [
  ["single", 9_000],
  ["duplicates", 500],
  ["capitalised", 100],
  ["unverified", 80],
  ["untrusted", 70],
  ["blocked", 50],
  ["look-alike", 50],
  ["pre-linked", 50],
  ["ambiguous", 30],
  ["mfa-primary", 50],
  ["mfa-ambiguous", 20],
];

/** The connections an administrator trusts in this tenant: what `TRUSTED_CONNECTIONS` lists offline. */
export const trustedConnections = [
  benchConnections.database,
  benchConnections.google,
  benchConnections.apple,
  benchConnections.passwordless,
] as const;
type TrustedConnection = (typeof trustedConnections)[number];
const untrustedConnections = [benchConnections.okta, benchConnections.entra] as const;
const strategies: Record<string, string> = {
  [benchConnections.database]: "auth0",
  [benchConnections.google]: "google-oauth2",
  [benchConnections.apple]: "apple",
  [benchConnections.passwordless]: "email",
  [benchConnections.okta]: "okta",
  [benchConnections.entra]: "waad",
};
const tenantCreatedAt = Date.parse("2022-01-01T00:00:00.000Z");
const tenantAgeSeconds = 3 * 365 * 24 * 3_600;
/** Accounts are written out in blocks of this many, each shuffled, duplicates spread over later blocks. */
const blockSize = 10_000;

/** Addresses that look like `address` to a person but are different strings. */
function lookAlike(address: string, random: Random): string {
  const [local = "", domain = ""] = address.split("@");
  switch (random.int(4)) {
    case 0:
      return `${local.replace("e", "\u0435")}@${domain}`; // Cyrillic e
    case 1:
      return `${local}+news@${domain}`;
    case 2:
      return `${local.slice(0, 3)}.${local.slice(3)}@${domain}`;
    default:
      return `${local.replace("o", "\uff4f")}@${domain}`; // full-width o
  }
}

interface AccountSpec {
  connection: string;
  email: string;
  verified: boolean;
  blocked?: boolean;
  multifactor?: string[];
  /** Identities linked into this account before the backfill. */
  linked?: UserIdentity[];
}

export interface BackfillTenantOptions {
  /** About this many accounts; the last person may add a few more. */
  users: number;
  random: Random;
}

/**
 * Makes the tenant up, one person at a time, yielding accounts in the order an export would
 * list them (one person's accounts far apart), and filling `truth` as it goes: when the
 * iteration ends, `truth` knows every group. Memory holds the duplicate groups, not the users.
 */
export function backfillTenant(options: BackfillTenantOptions): {
  accounts: Iterable<StoredUser>;
  truth: BackfillTruth;
} {
  const truth = new BackfillTruth();
  return { truth, accounts: generateAccounts(options, truth) };
}

function* generateAccounts(
  options: BackfillTenantOptions,
  truth: BackfillTruth,
): Generator<StoredUser> {
  const { random } = options;
  const blocks = Math.max(1, Math.ceil(options.users / blockSize));
  const later = new Map<number, StoredUser[]>();
  let block: StoredUser[] = [];
  let blockIndex = 0;
  let serial = 0;
  let made = 0;
  const flush = function* () {
    const due = [...block, ...(later.get(blockIndex) ?? [])];
    later.delete(blockIndex);
    shuffle(due, random);
    yield* due;
    block = [];
    blockIndex += 1;
  };
  for (let person = 0; made < options.users; person++) {
    const kind = random.weighted(personKinds);
    const users = personAccounts(kind, person, random).map((spec) =>
      userOf(spec, serial++, random),
    );
    made += users.length;
    if (kind === "single") truth.addSingle();
    else truth.addGroup(expectationFor(kind, users), users);
    const [first, ...rest] = users;
    if (first) block.push(first);
    for (const user of rest) {
      const target = blockIndex + random.int(blocks - blockIndex + 1);
      const bucket = later.get(target);
      if (bucket) bucket.push(user);
      else later.set(target, [user]);
    }
    if (block.length >= blockSize) yield* flush();
  }
  while (block.length > 0 || [...later.keys()].some((index) => index >= blockIndex)) {
    yield* flush();
  }
}

function personAccounts(kind: GroupKind | "single", person: number, random: Random): AccountSpec[] {
  const address = addressOf(person);
  const verified = (connection: string, email = address): AccountSpec => ({
    connection,
    email,
    verified: true,
  });
  const distinctTrusted = (count: number) =>
    shuffled([...trustedConnections], random).slice(0, count) as TrustedConnection[];
  switch (kind) {
    case "single":
      return [verified(random.pick(trustedConnections))];
    case "duplicates":
      return distinctTrusted(
        random.weighted([
          [2, 80],
          [3, 15],
          [4, 5],
        ]),
      ).map((c) => verified(c));
    case "capitalised":
      return [
        verified(benchConnections.database),
        verified(
          random.pick([benchConnections.google, benchConnections.apple]),
          capitalised(address),
        ),
      ];
    case "unverified":
      return [
        { connection: benchConnections.database, email: address, verified: false },
        ...[benchConnections.google, benchConnections.apple]
          .slice(0, 1 + random.int(2))
          .map((c) => verified(c)),
      ];
    case "untrusted":
      return [
        verified(random.pick(untrustedConnections)),
        ...distinctTrusted(1 + random.int(2)).map((c) => verified(c)),
      ];
    case "blocked":
      return [
        { ...verified(random.pick(trustedConnections)), blocked: true },
        ...distinctTrusted(3)
          .slice(0, 1 + random.int(2))
          .map((c) => verified(c)),
      ].filter(uniqueConnections());
    case "look-alike":
      return [
        verified(benchConnections.database),
        verified(benchConnections.google, lookAlike(address, random)),
      ];
    case "pre-linked":
      return [
        {
          ...verified(benchConnections.database),
          linked: [linkedIdentity(benchConnections.apple, person, 1)],
        },
        verified(benchConnections.google),
      ];
    case "ambiguous":
      return [
        {
          ...verified(benchConnections.database),
          linked: [linkedIdentity(benchConnections.apple, person, 1)],
        },
        {
          ...verified(benchConnections.google),
          linked: [linkedIdentity(benchConnections.passwordless, person, 2)],
        },
      ];
    case "mfa-primary":
      return [
        verified(benchConnections.database),
        { ...verified(benchConnections.google), multifactor: ["guardian"] },
      ];
    case "mfa-ambiguous":
      return [
        { ...verified(benchConnections.database), multifactor: ["guardian"] },
        { ...verified(benchConnections.google), multifactor: ["guardian"] },
      ];
  }
}

function uniqueConnections() {
  const seen = new Set<string>();
  return (spec: AccountSpec) => !seen.has(spec.connection) && Boolean(seen.add(spec.connection));
}

/** An identity of the person's, on another connection, already linked before the backfill. */
function linkedIdentity(connection: string, person: number, variant: number): UserIdentity {
  return {
    provider: strategies[connection] as string,
    user_id: `linked${variant}x${person}`,
    connection,
    isSocial: connection === benchConnections.google || connection === benchConnections.apple,
    profileData: { email: addressOf(person), email_verified: true },
  };
}

function userOf(spec: AccountSpec, serial: number, random: Random): StoredUser {
  const strategy = strategies[spec.connection] as string;
  const providerUserId = providerUserIdFor(spec.connection as TrustedConnection, serial);
  // Whole seconds, each account its own: "oldest first" never meets a tie.
  const createdAt = new Date(
    (tenantCreatedAt / 1000 + random.int(tenantAgeSeconds)) * 1000 + (serial % 1000),
  ).toISOString();
  const isSocial =
    spec.connection === benchConnections.google || spec.connection === benchConnections.apple;
  return {
    user_id: `${strategy}|${providerUserId}`,
    email: spec.email,
    email_verified: spec.verified,
    name: spec.email,
    nickname: spec.email.split("@")[0] ?? "",
    created_at: createdAt,
    updated_at: createdAt,
    last_login: createdAt,
    logins_count: 1 + random.int(40),
    identities: [
      { provider: strategy, user_id: providerUserId, connection: spec.connection, isSocial },
      ...(spec.linked ?? []),
    ],
    app_metadata: random.chance(0.2) ? { plan: random.pick(["free", "pro"]) } : {},
    user_metadata: random.chance(0.3) ? { [`pref${serial % 5}`]: serial } : {},
    ...(spec.blocked ? { blocked: true } : {}),
    ...(spec.multifactor ? { multifactor: spec.multifactor } : {}),
  };
}

/**
 * The rules, stated for each kind as the README states them: verified accounts on trusted
 * connections with the same address (ASCII case folded) link; unverified, untrusted and
 * look-alike accounts stay apart; a group in which an account left is blocked links nothing;
 * the primary is the account with several identities, else the one with MFA, else the one whose
 * address is stored in lower case, else the oldest; two with several identities, or two with
 * MFA, link nothing; nor does a group whose primary has MFA, since a backfill proves nobody's
 * factor (it is left for prompted linking).
 */
function expectationFor(kind: GroupKind, users: StoredUser[]): GroupExpectation {
  const accounts = users.map((user) => user.user_id);
  const eligible = users.filter(
    (user) =>
      user.email_verified === true &&
      user.email?.toLowerCase() === users[0]?.email?.toLowerCase() &&
      ["auth0", "google-oauth2", "apple", "email"].includes(user.identities[0]?.provider ?? ""),
  );
  const noLinks = { kind, accounts };
  if (kind === "look-alike" || kind === "ambiguous" || kind === "mfa-ambiguous") return noLinks;
  if (eligible.length < 2 || eligible.some((user) => user.blocked === true)) return noLinks;
  const primary = [...eligible].sort(primaryFirst)[0] as StoredUser;
  if (hasFactor(primary)) return noLinks;
  return {
    kind,
    accounts,
    link: {
      primary: primary.user_id,
      secondaries: eligible.filter((user) => user !== primary).map((user) => user.user_id),
    },
  };
}

function hasFactor(user: StoredUser): boolean {
  return Array.isArray(user.multifactor) && user.multifactor.length > 0;
}

function primaryFirst(a: StoredUser, b: StoredUser): number {
  const rank = (user: StoredUser) =>
    (user.identities.length > 1 ? 4 : 0) +
    (hasFactor(user) ? 2 : 0) +
    (user.email === user.email?.toLowerCase() ? 1 : 0);
  return rank(b) - rank(a) || a.created_at.localeCompare(b.created_at);
}

function shuffled<T>(items: T[], random: Random): T[] {
  return shuffle([...items], random);
}

function shuffle<T>(items: T[], random: Random): T[] {
  for (let index = items.length - 1; index > 0; index--) {
    const other = random.int(index + 1);
    [items[index], items[other]] = [items[other] as T, items[index] as T];
  }
  return items;
}
