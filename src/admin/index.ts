/**
 * The administrative side of the Management API, for command-line tools (the backfill, the
 * undo). Use it like this:
 *
 * ```ts
 * const read = readAdminSettings(process.env);          // AUTH0_DOMAIN, _CLIENT_ID, _CLIENT_SECRET
 * if (!read.ok) exit(formatSettingProblems(read.problems)); // every bad one named, no request made
 * const client = createAdminClient({ settings: read.settings, maxRequestsPerSecond });
 * const outcome = await client.unlinkIdentity(primaryId, "google-oauth2", "1048...");
 * ```
 *
 * - Every call returns an `AdminOutcome` (never throws): `ok`, `refused` (4xx: nothing changed),
 *   `lost` (no answer after the retries: a write may have landed, so check its effect) or
 *   `not_sent` (no token). `lostAnswers > 0` on any outcome means an earlier attempt of that
 *   very request may have landed: a 409 is then possibly your own success.
 * - Requests are paced from `X-RateLimit-Limit/Remaining/Reset` (and `maxRequestsPerSecond`),
 *   so they use the tenant's limit without running into 429s; a 429 holds every request back
 *   until its reset; 5xx, dropped connections and timeouts are retried with backoff
 *   (`defaultAdminRetryPolicy`). Concurrent calls share the pacer and one token.
 * - `linkIdentityChecked` links and, when the answer was not a plain 2xx, reads the primary's
 *   identities to say whether the link is there.
 * - `client.stats` counts attempts, token requests, 429s and transient failures.
 * - Every Management API request goes through the `auth0` SDK's `ManagementClient` (its
 *   passthrough `fetch`, `maxRetries: 0`); `request` reaches any path below `/api/v2`.
 */
export { type CheckedLink, linkIdentityChecked } from "./link-checked";
export {
  type AdminClient,
  type AdminClientOptions,
  type AdminClientStats,
  type AdminRequest,
  createAdminClient,
  type IdentityToLink,
  type MetadataPatch,
} from "./management-client";
export { type AdminFailure, type AdminOutcome, describeFailure, type LostReason } from "./outcome";
export type { PacerState } from "./rate-limit-pacer";
export { type AdminRetryPolicy, defaultAdminRetryPolicy } from "./retry-policy";
export {
  type AdminSettings,
  type AdminSettingsResult,
  formatSettingProblems,
  readAdminSettings,
  type SettingProblem,
} from "./settings";
