/**
 * What became of one Management API request, after the client's own retries:
 * - `ok`: a 2xx answer;
 * - `refused`: the API answered 4xx, so the request changed nothing (a 429 only after the
 *   policy's patience ran out);
 * - `lost`: no answer came (dropped connections, timeouts, or 5xx until the retries ran out):
 *   a write may or may not have been made, so check its effect before calling it failed;
 * - `not_sent`: the request never left, because no token could be had.
 *
 * `lostAnswers` counts the attempts before the final one whose answers never came: when it is
 * above 0, a refusal such as 409 "Specified identity already exists." may be the echo of this
 * very request's earlier, successful attempt.
 */
export type AdminOutcome<T> =
  | { kind: "ok"; status: number; value: T; lostAnswers: number }
  | { kind: "refused"; status: number; message: string; errorCode?: string; lostAnswers: number }
  | { kind: "lost"; reason: LostReason; status?: number; message: string; lostAnswers: number }
  | { kind: "not_sent"; code: "token_failed"; status?: number; message: string };

export type LostReason = "server_error" | "network" | "timeout";

export type AdminFailure<T> = Exclude<AdminOutcome<T>, { kind: "ok" }>;

/** One line for a log or an error message: never a body, which may echo an address. */
export function describeFailure(outcome: AdminFailure<unknown>): string {
  switch (outcome.kind) {
    case "refused":
      return `refused with ${outcome.status}${outcome.errorCode ? ` (${outcome.errorCode})` : ""}`;
    case "lost":
      return `no answer (${outcome.reason}${outcome.status ? ` ${outcome.status}` : ""})`;
    case "not_sent":
      return `not sent: no token (${outcome.message})`;
  }
}
