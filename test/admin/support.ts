import {
  type AdminClient,
  type AdminRetryPolicy,
  createAdminClient,
  defaultAdminRetryPolicy,
} from "../../src/admin";
import type { ManagementApiServer } from "../../src/local-tenant/management-api";
import { linkingAction } from "../local-tenant/management-api/harness";

/** Short pauses, the same shape: tests wait milliseconds where a real run waits seconds. */
export const fastRetries: AdminRetryPolicy = {
  ...defaultAdminRetryPolicy,
  firstBackoffMs: 5,
  maxBackoffMs: 40,
  requestTimeoutMs: 2_000,
};

export function adminClientFor(
  server: ManagementApiServer,
  options: { maxRequestsPerSecond?: number; retryPolicy?: AdminRetryPolicy } = {},
): AdminClient {
  return createAdminClient({
    settings: {
      domain: server.domain,
      clientId: linkingAction.clientId,
      clientSecret: linkingAction.clientSecret,
    },
    retryPolicy: options.retryPolicy ?? fastRetries,
    ...(options.maxRequestsPerSecond ? { maxRequestsPerSecond: options.maxRequestsPerSecond } : {}),
  });
}
