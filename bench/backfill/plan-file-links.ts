import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import type { ObservedLink } from "./ground-truth";

/**
 * The links a dry run's `plan.jsonl` says it would make: one line per group, its primary and
 * its secondaries by user id. Lines that refuse the group name no secondaries to link.
 */
export async function plannedLinks(
  planPath: string,
): Promise<{ links: ObservedLink[]; groups: number }> {
  const links: ObservedLink[] = [];
  let groups = 0;
  const lines = createInterface({
    input: createReadStream(planPath, "utf8"),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) {
    if (line.trim() === "") continue;
    groups += 1;
    const entry = JSON.parse(line) as Record<string, unknown>;
    const primary = userIdOf(entry.primary ?? entry.primary_user_id);
    if (primary === undefined || !linksPlanned(entry)) continue;
    const listed = entry.secondary_user_ids ?? entry.secondaries;
    const secondaries = Array.isArray(listed) ? listed : [];
    for (const secondary of secondaries) {
      const id = userIdOf(secondary);
      if (id !== undefined) links.push({ primary, secondary: id });
    }
  }
  return { links, groups };
}

function linksPlanned(entry: Record<string, unknown>): boolean {
  const decision = entry.decision ?? entry.outcome;
  return decision === undefined || ["link", "would_link", "linked"].includes(String(decision));
}

function userIdOf(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null) {
    const record = value as Record<string, unknown>;
    const id = record.user_id ?? record.userId;
    return typeof id === "string" ? id : undefined;
  }
  return undefined;
}
