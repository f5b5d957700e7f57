import { createRequire } from "node:module";
import { join } from "node:path";
import { expect, it } from "vitest";
import { projectRoot } from "../../src/project-root";

// The repository's package.json says "type": "module"; actions/package.json says commonjs, so
// Node loads the bundle as Auth0 does, from the repository as it is.
it("loads-the-built-bundle-with-require-from-the-repository", () => {
  const require = createRequire(join(projectRoot, "package.json"));
  const bundle = require("./actions/link-accounts/code.js") as Record<string, unknown>;
  expect(typeof bundle.onExecutePostLogin).toBe("function");
});
