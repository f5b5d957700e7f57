import type { PromptCandidate } from "../../linking/prompt-plan";
import type { BrowserBinding } from "./browser-binding";
import {
  pkceChallenge,
  pkceVerifier,
  sealNonce,
  type TransactionFields,
} from "./transaction-binding";

export interface SignInRedirect {
  url: string;
  query: Record<string, string>;
}

export interface SignInRedirectInput {
  promptClientId: string;
  promptClientSecret: string;
  /** The domain the person is on (see prompt-domain.ts). */
  domain: string;
  candidate: PromptCandidate;
  fields: TransactionFields;
  /** The browser being redirected: only the same browser's /continue may link. */
  browser: BrowserBinding;
  now: Date;
}

/** Where the person goes to prove they own the candidate: a fresh sign-in to its connection. */
export function continueUri(domain: string): string {
  return `https://${domain}/continue`;
}

/**
 * The nested authorization request. Every value is built here from configuration and the chosen
 * candidate; nothing is copied from the login request, so no parameter can be injected through
 * it. Auth0 appends its own `state`, which brings the nested sign-in back to this transaction.
 */
export async function buildSignInRedirect(input: SignInRedirectInput): Promise<SignInRedirect> {
  const verifier = pkceVerifier(input.promptClientSecret, input.fields);
  const nonce = await sealNonce(input.promptClientSecret, input.fields, {
    candidateUserId: input.candidate.userId,
    redirectedAt: Math.floor(input.now.getTime() / 1000),
    candidateMfaEnrolled: input.candidate.mfaEnrolled,
    browser: input.browser,
  });
  return {
    url: `https://${input.domain}/authorize`,
    query: {
      client_id: input.promptClientId,
      response_type: "code",
      redirect_uri: continueUri(input.domain),
      scope: "openid",
      // A remembered session of the other account proves nothing about who is at the keyboard.
      prompt: "login",
      max_age: "0",
      connection: input.candidate.connection,
      login_hint: input.candidate.email,
      code_challenge: pkceChallenge(verifier),
      code_challenge_method: "S256",
      nonce,
    },
  };
}
