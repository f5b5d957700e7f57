import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../../src/project-root";

function sourceFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") ? [path] : [];
  });
}

/** The project folders a file's relative imports reach, e.g. `src/action`. */
function importedRooms(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specifiers = [...text.matchAll(/from "(\.{1,2}\/[^"]+)"/g)].map((m) => m[1] as string);
  return specifiers.map((specifier) =>
    relative(projectRoot, join(file, "..", specifier))
      .split("/")
      .slice(0, 2)
      .join("/"),
  );
}

const src = join(projectRoot, "src");

describe("the rooms of src/", () => {
  it.each([
    // The platform types are the contract between the Action and the runtime: neither owns them.
    ["src/local-tenant", "src/action"],
    ["src/actions-platform", "src/action"],
    ["src/actions-platform", "src/local-tenant"],
    // The core stands on nothing: every shell stands on it.
    ["src/linking", "src/action"],
    ["src/linking", "src/local-tenant"],
    ["src/linking", "src/backfill"],
    ["src/linking", "src/undo"],
    ["src/linking", "src/admin"],
  ])("nothing in %s imports from %s", (room, forbidden) => {
    const offending = sourceFiles(join(projectRoot, room)).filter((file) =>
      importedRooms(file).includes(forbidden),
    );
    expect(offending.map((file) => relative(projectRoot, file))).toEqual([]);
  });

  it("the check sees an import across rooms", () => {
    expect(importedRooms(join(src, "action", "login", "run-account-linking.ts"))).toContain(
      "src/actions-platform",
    );
  });
});
