import { appendFileSync } from "node:fs";
import { inject, it } from "vitest";
import { type Loss, noLoss } from "./person-inventory";
import { runClosingScenarios } from "./scenario-scope";
import type { CaseKind, SecurityRow } from "./security-row";

declare module "vitest" {
  export interface ProvidedContext {
    /** JSON-lines file the security suite's rows go to; set by its global setup. */
    securityRowsFile: string;
  }
}

/** What a case reports while it runs, so a failing case still leaves an honest row. */
export interface CaseRecord {
  outcome: string;
  loss: Loss;
}

type Play = (record: CaseRecord) => Promise<void>;

function appendRow(row: SecurityRow): void {
  const file = inject("securityRowsFile");
  // Run outside this project's vitest config (no global setup), there is nowhere to write.
  if (file) appendFileSync(file, `${JSON.stringify(row)}\n`);
}

/**
 * Registers one test of an attack or fault suite. The row says `held` only if every assertion of
 * the test passed; a failure is recorded with its first line, then rethrown. Each case has its own
 * tenant on its own port, so the cases of a file run concurrently: most of their time is spent
 * waiting on purpose (rate-limit resets, latency).
 */
function securityCase(kind: CaseKind, name: string, tried: string, play: Play): void {
  it.concurrent(tried, async () => {
    const record: CaseRecord = { outcome: "not reached", loss: noLoss };
    try {
      await runClosingScenarios(() => play(record));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      appendRow({
        kind,
        name,
        tried,
        outcome: `NOT HELD: ${message.split("\n")[0]} (${record.outcome})`,
        held: false,
        lostIdentities: record.loss.identities.length,
        lostMetadataKeys: record.loss.metadataKeys.length,
      });
      throw error;
    }
    appendRow({
      kind,
      name,
      tried,
      outcome: record.outcome,
      held: true,
      lostIdentities: record.loss.identities.length,
      lostMetadataKeys: record.loss.metadataKeys.length,
    });
  });
}

const controlPrefix = "control: ";

// A case named "control: ..." is the same setup where linking is right: it must link, so it is
// counted apart from the attacks, whichever of `tries` or `controls` registered it.
function attackCaseKind(tried: string): CaseKind {
  return tried.startsWith(controlPrefix) ? "control" : "attack";
}

export function attackSuite(name: string) {
  return {
    tries: (tried: string, play: Play) => securityCase(attackCaseKind(tried), name, tried, play),
    /** The attack's control: the same setup where linking is right, which must link. */
    controls: (tried: string, play: Play) =>
      securityCase("control", name, `${controlPrefix}${tried}`, play),
  };
}

export function faultSuite(name: string) {
  return { injects: (tried: string, play: Play) => securityCase("fault", name, tried, play) };
}
