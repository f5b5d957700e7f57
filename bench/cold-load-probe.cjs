// Run in a fresh `node` by the bundle phase: how long loading an Action's code takes, with the
// `auth0` modules it pulls in, before any login. Prints one JSON line.
const { readFileSync, statSync } = require("node:fs");
const { createRequire } = require("node:module");
const { dirname } = require("node:path");
const { performance } = require("node:perf_hooks");
const { compileFunction } = require("node:vm");

const codePath = process.argv[2];
const startedAt = performance.now();
// Auth0 runs the file as CommonJS whatever the nearest package.json says, so it is compiled as
// such here instead of being `require`d.
const moduleFunction = compileFunction(
  readFileSync(codePath, "utf8"),
  ["exports", "require", "module", "__filename", "__dirname"],
  { filename: codePath },
);
const actionModule = { exports: {} };
const actionRequire = createRequire(codePath);
moduleFunction(actionModule.exports, actionRequire, actionModule, codePath, dirname(codePath));
const loadMs = performance.now() - startedAt;

const auth0Files = Object.keys(actionRequire.cache).filter((file) =>
  file.includes("/node_modules/auth0/"),
);
const auth0Bytes = auth0Files.reduce((sum, file) => sum + statSync(file).size, 0);
console.log(JSON.stringify({ loadMs, auth0Files: auth0Files.length, auth0Bytes }));
