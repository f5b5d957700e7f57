import type { AdminClient } from "../../admin";
import type { DatabaseConnectionIds } from "../../linking/database-connection-ids";
import type { Journal } from "../journal";
import type { ApplyTarget } from "../plan-export";
import type { LinkingRules } from "../plan-group";
import type { Progress } from "../progress";
import type { ApplyCounts } from "../summary";
import { applyGroup } from "./apply-group";

export interface ApplyPlanContext {
  client: AdminClient;
  journal: Journal;
  rules: LinkingRules;
  databaseConnectionIds: DatabaseConnectionIds;
  domain: string;
  /** Groups a previous run with this --out finished. */
  finished: ReadonlySet<string>;
  concurrency: number;
  progress: Progress;
}

/**
 * Applies every linkable group, a few at a time (they share the client's pacer, so concurrency
 * only hides round trips; groups never share an account). A group that fails is recorded and
 * the run goes on: the next run with the same --out retries it.
 */
export async function applyPlan(
  targets: readonly ApplyTarget[],
  context: ApplyPlanContext,
): Promise<ApplyCounts> {
  const startedAt = Date.now();
  const requestsBefore = context.client.stats;
  const counts: ApplyCounts = {
    linkedGroups: 0,
    links: 0,
    replanned: 0,
    refusedOnReread: {},
    failedGroups: 0,
    incidents: 0,
    alreadyDone: 0,
    requests: 0,
    rateLimited: 0,
    seconds: 0,
  };
  const pending = targets.filter((target) => !context.finished.has(target.record.group));
  counts.alreadyDone = targets.length - pending.length;
  context.progress.phase("apply", targets.length, "groups");
  let done = counts.alreadyDone;
  context.progress.update(done);
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < pending.length && !counts.stopped; index = next++) {
      const target = pending[index] as ApplyTarget;
      const result = await applyGroup(target, context);
      if (result.outcome === "linked") {
        counts.linkedGroups++;
        counts.links += result.links;
      } else if (result.outcome === "incident") {
        counts.incidents++;
        counts.links += result.links;
      } else if (result.outcome === "refused") {
        counts.refusedOnReread[result.reason] = (counts.refusedOnReread[result.reason] ?? 0) + 1;
      } else {
        counts.failedGroups++;
        counts.links += result.links;
        // Without a token every other group would fail the same way: stop, and say why.
        if (result.tokenless) counts.stopped = result.detail;
      }
      if (result.outcome !== "failed" && result.replanned) counts.replanned++;
      context.progress.update(++done);
    }
  };
  await Promise.all(Array.from({ length: Math.min(context.concurrency, pending.length) }, worker));
  const stats = context.client.stats;
  counts.requests = stats.requests - requestsBefore.requests;
  counts.rateLimited = stats.rateLimited - requestsBefore.rateLimited;
  counts.seconds = (Date.now() - startedAt) / 1000;
  return counts;
}
