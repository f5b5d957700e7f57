import { expect } from "vitest";
import { isLinkRecordsKey } from "../../../src/linking/link-records";
import { MARKER_KEY } from "../../../src/linking/marker";
import type { StoredUser } from "../../../src/local-tenant/tenant-state";
import {
  googleLogin,
  person,
  personDatabaseAccount,
  personGoogleAccount,
} from "../../security/support/fault-play";
import { monthsAgo } from "../../security/support/people";
import {
  databaseConnection,
  linkingLine,
  type Scenario,
  startScenario,
} from "../../security/support/scenario";

export interface LinkedPair {
  scenario: Scenario;
  primaryId: string;
  secondaryId: string;
  primaryBefore: StoredUser;
  secondaryBefore: StoredUser;
}

export const secondaryMetadata = {
  userMetadata: { theme: "light", locale: "en", newsletter: { weekly: true } },
  appMetadata: { stripe_customer_id: "cus_4f9", loyalty_points: 120, plan: "pro" },
};

/**
 * The person's two accounts, linked by the Action at the younger one's login, with the tenant's
 * `settings` (e.g. `MERGE_APP_METADATA_KEYS`).
 */
export async function linkedPair(
  secondary: {
    userMetadata?: Record<string, unknown>;
    appMetadata?: Record<string, unknown>;
  } = secondaryMetadata,
  settings: Record<string, string> = {},
): Promise<LinkedPair> {
  const scenario = await startScenario({
    settings,
    accounts: [
      personDatabaseAccount({ userMetadata: { theme: "dark" }, appMetadata: { plan: "free" } }),
      personGoogleAccount(monthsAgo(1), secondary),
    ],
  });
  const primaryId = scenario.userId(databaseConnection, person.databaseId);
  const secondaryId = scenario.userId("google-oauth2", person.googleId);
  const primaryBefore = scenario.user(primaryId) as StoredUser;
  const secondaryBefore = scenario.user(secondaryId) as StoredUser;
  const login = await scenario.login(googleLogin);
  expect(linkingLine(login)).toMatchObject({ outcome: "linked", links: 1 });
  expect(scenario.user(secondaryId)).toBeUndefined();
  return { scenario, primaryId, secondaryId, primaryBefore, secondaryBefore };
}

/**
 * A user as an undo must give it back: the person's fields, identities and metadata. Ids and
 * dates Auth0 regenerates or moves on its own (created_at of a recreated user, updated_at,
 * counters) are left out, and so are the undo's own marks.
 */
export function restorable(user: StoredUser | undefined) {
  if (!user) return undefined;
  const {
    created_at: _created,
    updated_at: _updated,
    logins_count: _count,
    last_login: _last,
    ...rest
  } = user;
  const appMetadata = Object.fromEntries(
    Object.entries(rest.app_metadata).filter(
      ([key]) => key !== MARKER_KEY && !isLinkRecordsKey(key),
    ),
  );
  return {
    ...rest,
    identities: rest.identities.map(({ profileData: _profile, ...identity }) => identity),
    app_metadata: appMetadata,
  };
}
