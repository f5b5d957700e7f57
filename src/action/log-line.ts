import type { ErrorCode, SkipReason } from "../linking/errors";

export type Outcome = "skipped" | "linked" | "dry-run" | "error";

/** The one JSON line every execution writes. It carries no raw address, token or secret. */
export interface LogLine {
  event: "account_linking";
  outcome: Outcome;
  reason: SkipReason | ErrorCode | "linked" | "would_link";
  mode?: string;
  user_id?: string;
  email_hash?: string;
  primary_user_id?: string;
  candidates: number;
  links: number;
  management_api_calls: number;
  token_requests: number;
  duration_ms: number;
  current_became_secondary?: boolean;
  dropped_metadata_keys?: string[];
  /** `user_metadata.KEY` / `app_metadata.KEY`: kept in the recoverable copy, not in the primary. */
  copied_metadata_keys?: string[];
  failure?: { kind: string; status?: number };
  secret?: string;
  detail?: string;
}

export function writeLogLine(line: LogLine): void {
  console.log(JSON.stringify(line));
}
