import { stat } from "node:fs/promises";
import { addressForms, type GroupRecord, type RecordKeys, toGroupRecord } from "./group-record";
import { countGroup, emptyCounts, type PlanCounts } from "./plan-counts";
import { type LinkingRules, planGroup } from "./plan-group";
import type { PlanOutputs } from "./plan-outputs";
import type { Progress } from "./progress";
import { parseGroup, readGroups } from "./read-groups";
import { scanSharedAddresses } from "./scan-shared-addresses";

/** A group the plan links, with what `--apply` needs to read it again. */
export interface ApplyTarget {
  record: GroupRecord;
  /** The stored forms of the address and its lower case: held in memory only, never written. */
  forms: string[];
}

export interface PlanResult {
  counts: PlanCounts;
  targets: ApplyTarget[];
}

/**
 * Plans a whole export file in two streaming passes: the first finds the lines that share an
 * address, the second reads only those, groups them and runs each group through the planner.
 */
export async function planExport(
  path: string,
  context: {
    rules: LinkingRules;
    keys: RecordKeys;
    outputs: PlanOutputs;
    /** Keep what `--apply` needs of each linkable group; a dry run keeps nothing. */
    forApply: boolean;
    progress?: Progress;
  },
): Promise<PlanResult> {
  const { progress } = context;
  const { size } = await stat(path);
  progress?.phase("read 1/2", size, "bytes");
  const scan = await scanSharedAddresses(path, (bytesRead) => progress?.update(bytesRead));
  progress?.phase("read 2/2", size, "bytes");
  const { groups, malformed } = await readGroups(path, scan.sharedLines, (bytesRead) =>
    progress?.update(bytesRead),
  );

  const counts = emptyCounts();
  counts.users = scan.withEmail + scan.withoutEmail;
  counts.withoutEmail = scan.withoutEmail;
  counts.malformed = scan.unreadable + malformed;
  const targets: ApplyTarget[] = [];
  progress?.phase("plan", groups.size, "groups");
  let planned = 0;
  for (const [key, lines] of groups) {
    const { members, malformed: unreadable } = parseGroup(lines);
    counts.malformed += unreadable;
    groups.delete(key);
    planned++;
    if (members.length < 2) continue;
    const record = toGroupRecord(members, planGroup(members, context.rules), context.keys);
    countGroup(counts, record);
    await context.outputs.add(record);
    if (context.forApply && record.decision === "link") {
      targets.push({ record, forms: addressForms(members) });
    }
    if (planned % 1000 === 0) progress?.update(planned);
  }
  progress?.update(planned);
  await context.outputs.close();
  return { counts, targets };
}
