import { describe, expect } from "vitest";
import { backfillEnvironment, outDir, runBackfillCli } from "../../backfill/support/backfill-cli";
import { writeExportFile } from "../../backfill/support/duplicates-tenant";
import { googleLogin, person } from "../support/fault-play";
import { attackSuite } from "../support/recorder";
import { databaseConnection, linkingLine } from "../support/scenario";
import { linkThenUndo } from "../support/undo-play";

// An administrator's unlink is a decision: no login of either account and no backfill may make
// the link again.
const suite = attackSuite("unlinked-pair-never-relinked");

const databaseLogin = {
  connection: databaseConnection,
  providerUserId: person.databaseId,
  email: person.email,
  emailVerified: true,
};

describe("a pair an administrator unlinked", () => {
  suite.tries("later logins of both accounts, then a backfill --apply", async (record) => {
    const { scenario, primaryId, secondaryId } = await linkThenUndo(record, {
      userMetadata: { locale: "en" },
    });
    const secondaryLogin = await scenario.login(googleLogin);
    const primaryLogin = await scenario.login(databaseLogin);
    const backfill = await runBackfillCli(
      [
        "--apply",
        "--source",
        await writeExportFile(scenario.tenant.state.snapshot()),
        "--out",
        await outDir(),
      ],
      await backfillEnvironment(scenario.tenant.api),
    );
    record.outcome += `; secondary login ${linkingLine(secondaryLogin).reason}, primary login ${linkingLine(primaryLogin).reason}, backfill exit ${backfill.exitCode}`;

    expect(linkingLine(secondaryLogin)).toMatchObject({
      outcome: "skipped",
      reason: "unlinked_pair",
    });
    expect(secondaryLogin.sessionUserId).toBe(secondaryId);
    expect(primaryLogin.sessionUserId).toBe(primaryId);
    expect(backfill.exitCode).toBe(0);
    expect(scenario.user(primaryId)?.identities).toHaveLength(1);
    expect(scenario.user(secondaryId)?.identities).toHaveLength(1);
  });

  suite.tries(
    "control: a third account of the person still links into the primary",
    async (record) => {
      const { scenario, primaryId, secondaryId } = await linkThenUndo(record, {});
      const appleLogin = await scenario.login({
        connection: "apple",
        providerUserId: "alice-apple-1",
        email: person.email,
        emailVerified: true,
      });
      record.outcome += `; apple login ${linkingLine(appleLogin).outcome}`;
      expect(linkingLine(appleLogin)).toMatchObject({ outcome: "linked", links: 1 });
      expect(appleLogin.sessionUserId).toBe(primaryId);
      expect(scenario.user(secondaryId)?.identities).toHaveLength(1);
    },
  );
});
