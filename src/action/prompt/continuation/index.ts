import { checkAuthTime } from "./check-auth-time";
import { checkCodePresent } from "./check-code-present";
import { checkMfaProven } from "./check-mfa-proven";
import { checkNoErrorReturned } from "./check-no-error-returned";
import { checkNonce } from "./check-nonce";
import { checkSameBrowser } from "./check-same-browser";
import { checkSubject } from "./check-subject";
import type { ContinuationCheck } from "./continuation";
import { exchangeCode } from "./exchange-code";
import { verifyIdToken } from "./verify-id-token";

/**
 * The continuation's policy, in order: each check is its own module, named after what it
 * enforces, and the first that fails ends the continuation without a link. Nothing is linked
 * unless every one passed.
 */
export const continuationChecks: readonly ContinuationCheck[] = [
  checkNoErrorReturned,
  checkCodePresent,
  exchangeCode,
  verifyIdToken,
  checkNonce,
  checkSameBrowser,
  checkAuthTime,
  checkSubject,
  checkMfaProven,
];
