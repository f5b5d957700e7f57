import { expect, it } from "vitest";
import { createProgress } from "../../src/backfill/progress";

function recorder(isTTY: boolean) {
  const chunks: string[] = [];
  return {
    chunks,
    output: {
      isTTY,
      columns: 120,
      cursorTo: () => true,
      clearLine: () => true,
      moveCursor: () => true,
      on: () => undefined,
      removeListener: () => undefined,
      write: (text: string) => {
        chunks.push(text);
        return true;
      },
    },
  };
}

it("draws-a-bar-with-counts-rate-and-time-left-on-a-terminal", () => {
  const { chunks, output } = recorder(true);
  const progress = createProgress(output);
  progress.phase("apply", 200, "groups");
  progress.update(50);
  progress.stop();
  const drawn = chunks.join("");
  expect(drawn).toContain("apply");
  expect(drawn).toMatch(/\d+%/);
  expect(drawn).toContain("/200 groups");
  expect(drawn).toContain("left");
});

it("writes-a-plain-line-every-few-seconds-when-not-on-a-terminal", () => {
  const { chunks, output } = recorder(false);
  let now = 0;
  const progress = createProgress(output, () => now);
  progress.phase("apply", 100, "groups");
  for (let done = 1; done <= 100; done++) {
    now += 200;
    progress.update(done);
  }
  progress.stop();
  // 20 s of updates: a line at the start, one every 5 s, one at the end; never one per update.
  expect(chunks.length).toBeGreaterThanOrEqual(5);
  expect(chunks.length).toBeLessThanOrEqual(7);
  expect(chunks.every((line) => line.startsWith("backfill: apply ") && line.endsWith("\n"))).toBe(
    true,
  );
  expect(chunks.at(-1)).toContain("100/100 groups (100%)");
  expect(chunks.join("")).not.toContain("\u001b[");
});
