/**
 * Auth0's documented Management API limits (sustained rates; bursts are extra). Essentials and
 * Professional limit reads and writes of users in separate buckets; the others count every
 * request against one global rate.
 */
export const documentedRateLimits = [
  { plan: "Free", readsPerSecond: 2, writesPerSecond: 2, shared: true },
  {
    plan: "Essentials / Professional",
    readsPerSecond: 500 / 60,
    writesPerSecond: 200 / 60,
    shared: false,
  },
  { plan: "Enterprise (production)", readsPerSecond: 16, writesPerSecond: 16, shared: true },
] as const;

export interface RequestCost {
  reads: number;
  writes: number;
}

export function secondsAtRate(
  cost: RequestCost,
  limit: { readsPerSecond: number; writesPerSecond: number; shared: boolean },
): number {
  if (limit.shared) return (cost.reads + cost.writes) / limit.readsPerSecond;
  return Math.max(cost.reads / limit.readsPerSecond, cost.writes / limit.writesPerSecond);
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 120) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return `${hours} h ${minutes % 60} min`;
}
