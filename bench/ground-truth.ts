import type { StoredUser } from "../src/local-tenant/tenant-state";

/** One identity the benchmark created, seeded or through a login, and who it belongs to. */
export interface KnownIdentity {
  connection: string;
  strategy: string;
  providerUserId: string;
  person: number;
  email: string;
  emailVerified: boolean;
}

// The rule the benchmark holds both Actions to: the same person's accounts belong together when
// each address is verified by a provider that proves addresses. Enterprise and SAML claims and
// unverified sign-ups must stay apart, whatever their address says.
const addressProvingStrategies: ReadonlySet<string> = new Set([
  "auth0",
  "email",
  "google-oauth2",
  "apple",
]);

export function shouldLink(identity: KnownIdentity): boolean {
  return identity.emailVerified && addressProvingStrategies.has(identity.strategy);
}

export interface LinkTally {
  /** Links the rule asks for among the identities that exist. */
  expected: number;
  /** Links found in the tenant that join two identities the rule says belong together. */
  correct: number;
  /** Links found in the tenant that join identities the rule keeps apart. */
  wrong: number;
  missed: number;
  /** Missed links of people whose addresses differ only in letter case somewhere. */
  missedWithCaseVariants: number;
  /** Identities in the tenant the benchmark does not know: should stay 0. */
  unknownIdentities: number;
}

const identityKey = (provider: string, providerUserId: string) => `${provider}|${providerUserId}`;

/** Who every identity belongs to, and the verdict on a tenant's users against that. */
export class GroundTruth {
  readonly #identities = new Map<string, KnownIdentity>();

  register(identity: KnownIdentity): void {
    this.#identities.set(identityKey(identity.strategy, identity.providerUserId), identity);
  }

  identities(): KnownIdentity[] {
    return [...this.#identities.values()];
  }

  /** Links the rule asks for if every registered identity exists in the tenant. */
  expectedLinks(): number {
    const perPerson = new Map<number, number>();
    for (const identity of this.#identities.values()) {
      if (shouldLink(identity))
        perPerson.set(identity.person, (perPerson.get(identity.person) ?? 0) + 1);
    }
    let expected = 0;
    for (const count of perPerson.values()) expected += count - 1;
    return expected;
  }

  tally(users: readonly StoredUser[]): LinkTally {
    let correct = 0;
    let wrong = 0;
    let unknownIdentities = 0;
    const linkableIdentitiesSeen = new Map<number, number>();
    const usersHoldingLinkable = new Map<number, number>();

    for (const user of users) {
      const owners = user.identities.map((identity) =>
        this.#identities.get(identityKey(identity.provider, String(identity.user_id))),
      );
      unknownIdentities += owners.filter((owner) => owner === undefined).length;
      const [main, ...secondaries] = owners;
      for (const secondary of secondaries) {
        const belongs =
          main !== undefined &&
          secondary !== undefined &&
          shouldLink(main) &&
          shouldLink(secondary) &&
          main.person === secondary.person;
        if (belongs) correct++;
        else wrong++;
      }
      const linkablePeople = new Set<number>();
      for (const owner of owners) {
        if (owner && shouldLink(owner)) {
          linkableIdentitiesSeen.set(
            owner.person,
            (linkableIdentitiesSeen.get(owner.person) ?? 0) + 1,
          );
          linkablePeople.add(owner.person);
        }
      }
      for (const person of linkablePeople) {
        usersHoldingLinkable.set(person, (usersHoldingLinkable.get(person) ?? 0) + 1);
      }
    }

    let expected = 0;
    let missed = 0;
    let missedWithCaseVariants = 0;
    const caseVariantPeople = this.#peopleWithCaseVariants();
    for (const [person, identities] of linkableIdentitiesSeen) {
      expected += identities - 1;
      const missedHere = (usersHoldingLinkable.get(person) ?? 1) - 1;
      missed += missedHere;
      if (caseVariantPeople.has(person)) missedWithCaseVariants += missedHere;
    }
    return { expected, correct, wrong, missed, missedWithCaseVariants, unknownIdentities };
  }

  #peopleWithCaseVariants(): Set<number> {
    const people = new Set<number>();
    for (const identity of this.#identities.values()) {
      if (identity.email !== identity.email.toLowerCase()) people.add(identity.person);
    }
    return people;
  }
}
