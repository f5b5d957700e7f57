export type TenantErrorReason =
  | "user-not-found"
  | "connection-not-found"
  | "user-already-exists"
  | "invalid-patch"
  | "link-same-identity"
  | "link-secondary-not-found"
  | "link-identity-already-exists"
  | "unlink-main-identity"
  | "profile-too-large";

/** An error the Management API reports as `{ statusCode, error, message, errorCode? }`. */
export class ManagementApiError extends Error {
  readonly statusCode: number;
  readonly error: string;
  readonly errorCode: string | undefined;
  /** Our own code, for callers that must tell errors apart without matching messages. */
  readonly reason: TenantErrorReason;

  constructor(details: {
    statusCode: number;
    error: string;
    message: string;
    errorCode?: string;
    reason: TenantErrorReason;
  }) {
    super(details.message);
    this.name = "ManagementApiError";
    this.statusCode = details.statusCode;
    this.error = details.error;
    this.errorCode = details.errorCode;
    this.reason = details.reason;
  }
}
