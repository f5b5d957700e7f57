import { timingSafeEqual } from "node:crypto";
import { escapeHtml, layout } from "./sign-in-pages";

/**
 * The one-time code of every enrolled factor on the local tenant (local only). A test plays a
 * person who holds the factor by entering it, and an attacker who has only the password by not.
 */
export const localOneTimeCode = "424242";
export const wrongCodeMessage = "Wrong code. Try again.";

export function isLocalOneTimeCode(code: string | undefined): boolean {
  const expected = Buffer.from(localOneTimeCode);
  const actual = Buffer.from(code ?? "");
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/**
 * Auth0 asks for the factor at the end of the flow, after the Actions, when one of them (or the
 * tenant's policy) required MFA. The login finishes only once the code is right; the ID token
 * then says MFA was performed (`amr: ["mfa"]`).
 */
export function renderMfaChallengePage(uid: string, error?: string): string {
  return layout(
    "Verify your identity",
    [
      "<h1>Verify your identity</h1>",
      error ? `<p role="alert" class="error">${escapeHtml(error)}</p>` : "",
      `<form method="post" action="/login/${escapeHtml(uid)}" data-mfa-challenge>
  <label>One-time code <input name="otp" inputmode="numeric" autocomplete="one-time-code" required></label>
  <button type="submit">Verify</button>
</form>`,
    ].join("\n"),
  );
}
