import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { playScenario } from "../../src/local-tenant/story/play-scenario";
import { parseScenario } from "../../src/local-tenant/story/scenario";
import { localTenant } from "./local-tenant-fixture";

const demoStory = new URL("../../src/local-tenant/story/demo-story.json", import.meta.url);

describe("npm start's story", () => {
  it("plays-the-demo-story-with-the-outcomes-it-promises", async () => {
    const tenant = await localTenant();
    const scenario = parseScenario(JSON.parse(await readFile(demoStory, "utf8")));
    const outcomes = await playScenario(tenant, scenario);
    expect(outcomes.map((o) => [o.outcome, o.reason])).toEqual([
      ["skipped", "email_not_verified"],
      ["email verified", "-"],
      ["skipped", "no_candidates"],
      ["linked", "linked"],
      ["skipped", "email_not_verified"],
      ["skipped", "no_candidates"],
      ["skipped", "untrusted_connection"],
      ["skipped", "already_checked"],
      ["skipped", "non_interactive_protocol"],
    ]);
    expect(outcomes[3]?.session).toBe("auth0|jane-password");
    expect(outcomes[7]?.managementApiCalls).toBe(0);
    expect(tenant.state.getUser("auth0|attacker-password")?.identities).toHaveLength(1);
  });

  it("reports-a-malformed-scenario-step-by-number", () => {
    expect(() => parseScenario({ steps: [{ title: "x", login: { connection: 1 } }] })).toThrow(
      /step 1/,
    );
    expect(() => parseScenario({ steps: [{ title: "x" }] })).toThrow(/"login" or "verifyEmail"/);
  });
});
