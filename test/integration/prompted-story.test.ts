import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it } from "vitest";
import { playPromptedStory } from "../../src/local-tenant/story/prompted-story";

const expectedStory = [
  {
    seen: "the database sign-in, address pre-filled",
    action: "prompted/prompted",
  },
  {
    seen: "the app signed in auth0|jane; auth0|jane holds auth0 + okta",
    action: "skipped/prompt_transaction, linked/linked_after_sign_in",
  },
  {
    seen: "the app signed in okta|okta-john; auth0|john holds auth0",
    action: "prompted/prompted, declined/person_declined",
  },
  {
    seen: "the app signed in okta|okta-john",
    action: "skipped/untrusted_connection (prompt_snoozed)",
  },
];

it("npm-start's-prompted-story-links-jane-and-leaves-john-two-accounts-over-https", async () => {
  const outcomes = await playPromptedStory();
  expect(outcomes.map(({ seen, action }) => ({ seen, action }))).toEqual(expectedStory);
}, 60_000);

it("npm-start-with-browser-plays-the-same-story-in-chromium-and-saves-screenshots", async () => {
  const screenshotsDir = await mkdtemp(join(tmpdir(), "prompted-story-"));
  try {
    const outcomes = await playPromptedStory({ browser: { headless: true, screenshotsDir } });
    expect(outcomes.map(({ seen, action }) => ({ seen, action }))).toEqual(expectedStory);
    for (const name of [
      "01-okta-sign-in",
      "02-jane-sent-to-database-sign-in",
      "06-john-not-asked-again",
    ]) {
      expect(existsSync(join(screenshotsDir, `${name}.png`)), name).toBe(true);
    }
  } finally {
    await rm(screenshotsDir, { recursive: true, force: true });
  }
}, 90_000);
