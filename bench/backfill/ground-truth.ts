import type { StoredUser } from "../../src/local-tenant/tenant-state";

/** Why a group of one person's accounts is in the tenant: each tests one rule of the plan. */
export const groupKinds = [
  "duplicates",
  "capitalised",
  "unverified",
  "untrusted",
  "blocked",
  "look-alike",
  "pre-linked",
  "ambiguous",
  "mfa-primary",
  "mfa-ambiguous",
] as const;
export type GroupKind = (typeof groupKinds)[number];

/**
 * What must become of one person's accounts, decided when they were made up, from the rules the
 * Action documents and not by running its planner: `primary` with `secondaries` linked into it,
 * and every other account of the person left alone.
 */
export interface GroupExpectation {
  kind: GroupKind;
  /** Every account of the person, by user id. */
  accounts: string[];
  link?: { primary: string; secondaries: string[] };
}

export interface LinkCounts {
  expected: number;
  correct: number;
  wrong: number;
  missed: number;
}

export interface BackfillTally extends LinkCounts {
  /** Groups whose expectation has links. */
  linkableGroups: number;
  byKind: Record<GroupKind, LinkCounts>;
}

/** A link as found in a tenant or a plan: `secondary` (an account's user id) joined into `primary`. */
export interface ObservedLink {
  primary: string;
  secondary: string;
}

/** The ground truth of a synthetic backfill tenant, and the verdict on links against it. */
export class BackfillTruth {
  readonly #groups: GroupExpectation[] = [];
  /** `provider|user_id` of every identity an account starts with, to its account's user id. */
  readonly #accountByIdentity = new Map<string, string>();
  readonly #groupOfAccount = new Map<string, GroupExpectation>();
  #accounts = 0;

  /**
   * Counts an account that has no duplicate, keeping nothing of it (a million of them must not
   * fill memory): a link that involves it is wrong, found as an account the truth does not know.
   */
  addSingle(): void {
    this.#accounts += 1;
  }

  addGroup(
    group: GroupExpectation,
    users: readonly Pick<StoredUser, "user_id" | "identities">[],
  ): void {
    this.#groups.push(group);
    this.#accounts += users.length;
    for (const user of users) {
      this.#registerIdentities(user);
      this.#groupOfAccount.set(user.user_id, group);
    }
  }

  get accounts(): number {
    return this.#accounts;
  }

  groups(): readonly GroupExpectation[] {
    return this.#groups;
  }

  /**
   * The links found in a tenant's users: each account joined under another account's user. An
   * identity the truth does not hold is a single account's, whose user id is `provider|user_id`.
   */
  linksIn(users: Iterable<Pick<StoredUser, "user_id" | "identities">>): ObservedLink[] {
    const links: ObservedLink[] = [];
    for (const user of users) {
      const accounts = new Set(
        user.identities.map((identity) => {
          const key = `${identity.provider}|${identity.user_id}`;
          return this.#accountByIdentity.get(key) ?? key;
        }),
      );
      for (const account of accounts) {
        if (account !== user.user_id) links.push({ primary: user.user_id, secondary: account });
      }
    }
    return links;
  }

  tally(links: readonly ObservedLink[]): BackfillTally {
    const byKind = Object.fromEntries(
      groupKinds.map((kind) => [kind, { expected: 0, correct: 0, wrong: 0, missed: 0 }]),
    ) as Record<GroupKind, LinkCounts>;
    let linkableGroups = 0;
    for (const group of this.#groups) {
      const expected = group.link?.secondaries.length ?? 0;
      byKind[group.kind].expected += expected;
      if (expected > 0) linkableGroups += 1;
    }
    const seen = new Set<string>();
    let unknownWrong = 0;
    for (const { primary, secondary } of links) {
      if (seen.has(secondary)) continue;
      seen.add(secondary);
      const group = this.#groupOfAccount.get(secondary);
      const right =
        group?.link !== undefined &&
        group.link.primary === primary &&
        group.link.secondaries.includes(secondary);
      if (!group) unknownWrong += 1;
      else if (right) byKind[group.kind].correct += 1;
      else byKind[group.kind].wrong += 1;
    }
    for (const counts of Object.values(byKind)) counts.missed = counts.expected - counts.correct;
    const sum = (field: keyof LinkCounts) =>
      Object.values(byKind).reduce((total, counts) => total + counts[field], 0);
    return {
      expected: sum("expected"),
      correct: sum("correct"),
      wrong: sum("wrong") + unknownWrong,
      missed: sum("missed"),
      linkableGroups,
      byKind,
    };
  }

  #registerIdentities(user: Pick<StoredUser, "user_id" | "identities">): void {
    for (const identity of user.identities) {
      this.#accountByIdentity.set(`${identity.provider}|${identity.user_id}`, user.user_id);
    }
  }
}
