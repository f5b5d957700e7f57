import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { projectRoot } from "../../src/project-root";
import { type ActionUnderTest, actionCodePath } from "../actions-under-test";
import { median } from "../statistics";

export interface BundleFigures {
  codeBytes: number;
  codeGzipBytes: number;
  /** Median over the runs of `require(code)` in a fresh node, auth0 modules included. */
  coldLoadMs: number;
  coldLoadRuns: number[];
  auth0ModulesLoaded: number;
  auth0BytesLoaded: number;
}

const probePath = resolve(projectRoot, "bench/cold-load-probe.cjs");

export function measureBundle(action: ActionUnderTest, runs: number): BundleFigures {
  const codePath = actionCodePath(action);
  const code = readFileSync(codePath);
  const probes = Array.from({ length: runs }, () => {
    const output = execFileSync(process.execPath, [probePath, codePath], { encoding: "utf8" });
    return JSON.parse(output) as { loadMs: number; auth0Files: number; auth0Bytes: number };
  });
  const last = probes.at(-1);
  return {
    codeBytes: code.length,
    codeGzipBytes: gzipSync(code).length,
    coldLoadMs: median(probes.map((probe) => probe.loadMs)),
    coldLoadRuns: probes.map((probe) => probe.loadMs),
    auth0ModulesLoaded: last?.auth0Files ?? 0,
    auth0BytesLoaded: last?.auth0Bytes ?? 0,
  };
}
