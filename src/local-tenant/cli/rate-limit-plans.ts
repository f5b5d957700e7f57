import type { RateLimitOptions } from "../management-api";

export const rateLimitPlanNames = ["free", "essentials", "enterprise", "off"] as const;
export type RateLimitPlanName = (typeof rateLimitPlanNames)[number];

/**
 * The Management API bucket of each Auth0 plan, as its rate-limit policy documents them. The
 * emulator keeps one bucket for the whole API, so a plan with limits per endpoint group is
 * given the one that applies to writing users (what linking does): Essentials and
 * Professional "Write Users", 20 at once and 200 a minute.
 */
export const rateLimitPlans: Record<RateLimitPlanName, RateLimitOptions | false> = {
  free: { limit: 2, refillPerSecond: 2 },
  essentials: { limit: 20, refillPerSecond: 200 / 60 },
  enterprise: { limit: 50, refillPerSecond: 16 },
  off: false,
};

export function isRateLimitPlanName(value: string): value is RateLimitPlanName {
  return (rateLimitPlanNames as readonly string[]).includes(value);
}
