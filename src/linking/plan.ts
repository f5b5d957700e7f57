import type { AccountIdentity, AccountSnapshot } from "./account";
import { accountKey, sharesUserId } from "./account-key";
import { asciiLowerCase, sameAddress } from "./email";
import type { SkipReason } from "./errors";
import { type LinkPath, wereUnlinked } from "./link-records";
import { type MetadataCarry, planMetadataCarry } from "./metadata-merge";
import { planRecovery, type RecoveryPlan } from "./recovery";
import {
  type ConnectionTrust,
  connectionTrust,
  type DatabaseKinds,
  isTrustedConnection,
  type TrustPolicy,
} from "./trust";

export interface LinkStep {
  secondaryUserId: string;
  provider: string;
  providerUserId: string;
  connection: string;
}

export type LinkPlan =
  | { kind: "skip"; reason: SkipReason; detail?: string; eligibleCandidates: number }
  | {
      kind: "link";
      primary: AccountSnapshot;
      links: LinkStep[];
      metadataCarry: MetadataCarry;
      /** The audit records and recoverable copies to write before linking. */
      recovery: RecoveryPlan;
      currentBecomesSecondary: boolean;
      eligibleCandidates: number;
    };

export interface PlanInput {
  current: AccountSnapshot;
  loginConnection: { name: string; strategy: string };
  candidates: readonly AccountSnapshot[];
  trust: TrustPolicy;
  /** What the tenant says about its database connections; one it says nothing about is untrusted. */
  databaseKinds: DatabaseKinds;
  mergeAppMetadataKeys: readonly string[];
  /** Which shell links, for the audit record; the Action's login by default. */
  path?: LinkPath;
  /** Set by a shell that keeps complete copies elsewhere (the backfill's journal). */
  journalRef?: string;
}

export type LinkableAccount = AccountSnapshot & {
  identities: [AccountIdentity, ...AccountIdentity[]];
};

function skip(reason: SkipReason, detail: string, eligibleCandidates = 0): LinkPlan {
  return { kind: "skip", reason, detail, eligibleCandidates };
}

function isTrustedIdentity(
  identity: AccountIdentity | undefined,
  trust: TrustPolicy,
  databaseKinds: DatabaseKinds,
): boolean {
  return (
    identity !== undefined &&
    isTrustedConnection(
      { name: identity.connection, provider: identity.provider },
      trust,
      databaseKinds,
    )
  );
}

// The main identity owns the root email, so it is the one whose verification must be trusted.
export function isEligibleCandidate(
  candidate: AccountSnapshot,
  currentUserId: string,
  email: string,
  trust: TrustPolicy,
  databaseKinds: DatabaseKinds,
): boolean {
  return (
    candidate.userId !== currentUserId &&
    candidate.email !== undefined &&
    sameAddress(candidate.email, email) &&
    candidate.emailVerified === true &&
    isTrustedIdentity(candidate.identities[0], trust, databaseKinds)
  );
}

function createdAtMillis(account: AccountSnapshot): number {
  const millis = account.createdAt === undefined ? Number.NaN : Date.parse(account.createdAt);
  return Number.isNaN(millis) ? Number.POSITIVE_INFINITY : millis;
}

function hasSeveralIdentities(account: AccountSnapshot): boolean {
  return account.identities.length > 1;
}

// users-by-email is case-sensitive and every login asks for the lower-case form, so an account
// stored in lower case is found by every login of the person; one stored with capitals only by
// some of them.
function isStoredInLowerCase(account: AccountSnapshot): boolean {
  return account.email !== undefined && asciiLowerCase(account.email) === account.email;
}

// Each rule in order, the first that tells two accounts apart decides.
const primaryPreferences: readonly ((account: AccountSnapshot) => boolean)[] = [
  hasSeveralIdentities,
  // An account with MFA enrolled is never made the secondary of one without: a later login of
  // the other account would land on a user with no factor.
  (account) => account.mfaEnrolled,
  isStoredInLowerCase,
];

// Every login of the same person must rank the same accounts the same way, whoever logs in,
// whatever case each provider stored and whatever order the lookup returned them in, so that
// concurrent logins pick one primary.
function comparePrimaryRank(a: AccountSnapshot, b: AccountSnapshot): number {
  for (const prefers of primaryPreferences) {
    const byPreference = Number(prefers(b)) - Number(prefers(a));
    if (byPreference !== 0) {
      return byPreference;
    }
  }
  const aCreated = createdAtMillis(a);
  const bCreated = createdAtMillis(b);
  if (aCreated !== bCreated) {
    return aCreated < bCreated ? -1 : 1;
  }
  if (a.userId === b.userId) {
    return 0;
  }
  return a.userId < b.userId ? -1 : 1;
}

// Secondaries have a single identity: a multi-identity account always ranks first, and two of
// them make the plan ambiguous.
export function toLinkStep(secondary: LinkableAccount): LinkStep {
  const [mainIdentity] = secondary.identities;
  return {
    secondaryUserId: secondary.userId,
    provider: mainIdentity.provider,
    providerUserId: mainIdentity.providerUserId,
    connection: mainIdentity.connection,
  };
}

export function hasMainIdentity(account: AccountSnapshot): account is LinkableAccount {
  return account.identities[0] !== undefined;
}

export interface CurrentAccountRejection {
  reason: SkipReason;
  detail: string;
}

/**
 * The rules the person logging in must pass before anything else is looked at. The Action runs
 * them before any network call, and the planner again, so a plan can never skip them.
 */
const connectionRejections: Record<
  Exclude<ConnectionTrust, "trusted">,
  CurrentAccountRejection["reason"]
> = {
  untrusted: "untrusted_connection",
  custom_database: "untrusted_custom_database",
  options_withheld_database: "database_options_withheld",
  unknown_database: "database_kind_unknown",
};

function rejectConnection(
  trust: ConnectionTrust,
  whose: string,
): CurrentAccountRejection | undefined {
  if (trust === "trusted") return undefined;
  const detail = {
    untrusted: `${whose} is not trusted`,
    custom_database: `${whose} is a custom database that TRUSTED_CONNECTIONS does not list`,
    options_withheld_database: `${whose} was listed without its options (read:connections_options), so whether it is a custom database cannot be read`,
    unknown_database: `nobody could tell whether ${whose} is a custom database`,
  }[trust];
  return { reason: connectionRejections[trust], detail };
}

export function checkCurrentAccount(
  current: AccountSnapshot,
  loginConnection: { name?: string; strategy?: string },
  trust: TrustPolicy,
  databaseKinds: DatabaseKinds,
): CurrentAccountRejection | undefined {
  if (current.blocked) {
    return { reason: "blocked_account", detail: "the current user is blocked" };
  }
  if (current.email === undefined || current.email === "") {
    return { reason: "no_email", detail: "the current user has no email" };
  }
  if (current.emailVerified !== true) {
    return { reason: "email_not_verified", detail: "the current user's email is not verified" };
  }
  if (!loginConnection.name) {
    return { reason: "untrusted_connection", detail: "the login connection is not trusted" };
  }
  const byLogin = rejectConnection(
    connectionTrust({ ...loginConnection, name: loginConnection.name }, trust, databaseKinds),
    "the login connection",
  );
  if (byLogin) return byLogin;
  if (!hasMainIdentity(current)) {
    return { reason: "malformed_user", detail: "the current user has no identities" };
  }
  const [main] = current.identities;
  return rejectConnection(
    connectionTrust({ name: main.connection, provider: main.provider }, trust, databaseKinds),
    "the current user's main identity",
  );
}

// Two accounts with a factor each, or a factor on one that would become a secondary, leave no
// primary that keeps every factor: a person must sort it out.
function mfaConflict(ranked: readonly AccountSnapshot[]): string | undefined {
  const enrolled = ranked.filter((account) => account.mfaEnrolled);
  if (enrolled.length > 1) return "several accounts have MFA enrolled";
  if (enrolled.length === 1 && ranked[0] !== enrolled[0]) {
    return "an account with MFA enrolled would become the secondary of one with linked identities";
  }
  return undefined;
}

export function planLinking(input: PlanInput): LinkPlan {
  const { current, loginConnection, trust, databaseKinds } = input;
  const rejection = checkCurrentAccount(current, loginConnection, trust, databaseKinds);
  if (rejection) return skip(rejection.reason, rejection.detail);
  const email = current.email as string;

  const eligible = new Map<string, LinkableAccount>();
  for (const candidate of input.candidates) {
    if (
      hasMainIdentity(candidate) &&
      isEligibleCandidate(candidate, current.userId, email, trust, databaseKinds)
    ) {
      eligible.set(accountKey(candidate), candidate);
    }
  }
  if (eligible.size === 0) {
    return skip("no_candidates", "no other verified account with a trusted main identity");
  }
  const everyone = [current, ...input.candidates];
  if ([current, ...eligible.values()].some((account) => sharesUserId(account, everyone))) {
    return skip(
      "ambiguous_user_id",
      "two accounts with this address have the same user id in different connections",
      eligible.size,
    );
  }
  if ([...eligible.values()].some((candidate) => candidate.blocked)) {
    return skip("blocked_account", "an account with the same address is blocked", eligible.size);
  }
  const notUnlinked = [...eligible.values()].filter(
    (candidate) => !wereUnlinked(candidate, current),
  );
  if (notUnlinked.length === 0) {
    return skip("unlinked_pair", "an administrator unlinked these accounts", eligible.size);
  }
  const ranked = [current, ...notUnlinked].sort(comparePrimaryRank);
  if (ranked.filter(hasSeveralIdentities).length > 1) {
    return skip(
      "ambiguous_primary",
      "several accounts already have linked identities",
      eligible.size,
    );
  }
  const conflict = mfaConflict(ranked);
  if (conflict) return skip("ambiguous_mfa", conflict, eligible.size);

  const [primary, ...others] = ranked as [LinkableAccount, ...LinkableAccount[]];
  // All secondaries end in one user: none may join it next to an account it was unlinked from.
  const group: LinkableAccount[] = [primary];
  for (const candidate of others) {
    if (!group.some((member) => wereUnlinked(member, candidate))) group.push(candidate);
  }
  const secondaries = group.slice(1);
  const metadataCarry = planMetadataCarry(primary, secondaries, input.mergeAppMetadataKeys);
  const decision = planRecovery(primary, secondaries, metadataCarry, {
    path: input.path ?? "login",
    ...(input.journalRef === undefined ? {} : { journalRef: input.journalRef }),
  });
  if (!decision.fits) {
    return skip(
      "copy_over_budget",
      `the primary would be ${decision.projectedProfileBytes} bytes with the copy, over ${decision.limitBytes}`,
      eligible.size,
    );
  }
  return {
    kind: "link",
    primary,
    links: secondaries.map(toLinkStep),
    metadataCarry,
    recovery: decision.recovery,
    currentBecomesSecondary: primary.userId !== current.userId,
    eligibleCandidates: eligible.size,
  };
}
