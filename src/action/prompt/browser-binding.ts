import { createHash } from "node:crypto";
import type { PostLoginRequest } from "../../actions-platform/post-login";

// Auth0 does not document that /continue refuses a `state` presented by another browser than the
// one that was redirected. Without that, someone who hands the nested /authorize URL to another
// person gets that person's sign-in as the proof for their own transaction. What the Action sees
// of the browser (its address and user agent) is sealed at the redirect and compared at
// /continue. Only digests travel, inside the encrypted nonce: the ID token carries no address.

export interface BrowserBinding {
  ip: string;
  userAgent: string;
}

export type BrowserChange = "ip" | "user_agent";

const digestLength = 16;

function digest(label: string, value: string | undefined): string {
  return createHash("sha256")
    .update(`${label}\0${value ?? ""}`)
    .digest("base64url")
    .slice(0, digestLength);
}

/** The browser a request came from, as digests of what the Action can see of it. */
export function bindBrowser(request: PostLoginRequest | undefined): BrowserBinding {
  return { ip: digest("ip", request?.ip), userAgent: digest("user-agent", request?.user_agent) };
}

/** What differs between the browser that was redirected and the one that came back. */
export function browserChanges(
  redirected: BrowserBinding,
  returned: BrowserBinding,
): BrowserChange[] {
  return [
    ...(redirected.ip === returned.ip ? [] : (["ip"] as const)),
    ...(redirected.userAgent === returned.userAgent ? [] : (["user_agent"] as const)),
  ];
}
