import { type AttemptResult, lostAttempt } from "./http-attempt";
import { unreachableCause } from "./unreachable-cause";

/** What the SDK's per-request options must say: our pacer and retry policy decide, not the SDK. */
export interface SdkRequestOptions {
  maxRetries: 0;
  abortSignal: AbortSignal;
}

/** One answer of the SDK, with the headers the pacer reads. */
export interface SdkAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** An SDK call that answers with the status, the headers and the parsed body. */
export type SdkCall = (options: SdkRequestOptions) => Promise<SdkAnswer>;

/**
 * One attempt through the SDK's passthrough `fetch`, its own retries off; never throws. What it
 * throws is the `fetch` error itself, read as a plain attempt's, so one retry policy reads both.
 * The time limit is our own `AbortSignal.timeout`, not `timeoutInSeconds`: the SDK (7.1.0) aborts
 * with the bare string "timeout", where ours rejects with a `TimeoutError` the cause reader names.
 */
export async function sdkAttempt(call: SdkCall, timeoutMs: number): Promise<AttemptResult> {
  try {
    return {
      answered: true,
      ...(await call({ maxRetries: 0, abortSignal: AbortSignal.timeout(timeoutMs) })),
    };
  } catch (error) {
    return lostAttempt(unreachableCause(error, timeoutMs));
  }
}
