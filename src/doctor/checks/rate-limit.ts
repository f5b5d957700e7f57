import type { DoctorContext } from "../context";
import { type CheckRow, pass, warn } from "../report";

/** The plan's Management API limit, as its headers said on the doctor's own reads. */
export function checkRateLimit(context: DoctorContext): CheckRow[] {
  if (!context.tokens.admin && !context.tokens.action) return [];
  return [
    context.rateLimit === undefined
      ? warn(
          "Management API rate limit",
          "no X-RateLimit-Limit header seen",
          "the backfill paces itself from these headers; pass --max-rps to it",
        )
      : pass(
          "Management API rate limit",
          `${context.rateLimit} requests per window (X-RateLimit-Limit); the backfill paces itself to it`,
        ),
  ];
}
