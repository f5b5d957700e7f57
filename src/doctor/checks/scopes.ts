import type { DoctorContext } from "../context";
import { type CheckRow, fail, pass, warn } from "../report";
import { actionScopes } from "../required-scopes";

// Auth0 user ids are `provider|id`; no connection is named this, so no user can hold it.
const missingUserId = "auth0|account-linking-doctor-probe";

/** Each scope the Action needs, probed with its own application's token. */
export async function checkActionScopes(context: DoctorContext): Promise<CheckRow[]> {
  const token = context.tokens.action;
  if (!token) return [];
  return Promise.all(
    actionScopes.map(async ({ scope, why, probePath }) => {
      const check = `scope ${scope} (Action)`;
      const fix = `grant ${scope} to the Action's application (Applications → APIs → Auth0 Management API → Machine To Machine Applications): ${why}`;
      if (!probePath) {
        if (!token.scopes) return warn(check, "the token answer does not list its scopes", fix);
        return token.scopes.has(scope)
          ? pass(check, "granted (the token answer lists it)")
          : fail(check, "not granted", fix);
      }
      const answer = await context.get(probePath(missingUserId), "action");
      if (!answer.answered) return warn(check, `could not tell: ${answer.message}`, fix);
      if (answer.status === 403) return fail(check, "not granted (403)", fix);
      if (answer.status === 404 || answer.status === 200) {
        return pass(check, `granted (${answer.status})`);
      }
      return warn(check, `could not tell: answered ${answer.status}`, fix);
    }),
  );
}
