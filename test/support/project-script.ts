import { spawn } from "node:child_process";
import { projectRoot } from "../../src/project-root";

export interface ScriptRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one of the project's `scripts/*.ts` as its own process, as a person or a pipeline would. */
export function runProjectScript(
  script: string,
  args: readonly string[],
  env: Record<string, string | undefined>,
): Promise<ScriptRun> {
  return runProjectFile(`scripts/${script}.ts`, args, env);
}

/** Runs any of the project's entry points (`bench/main.ts`, `scripts/*.mjs`) as its own process. */
export function runProjectFile(
  file: string,
  args: readonly string[],
  env: Record<string, string | undefined>,
): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", file, ...args], {
      cwd: projectRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.once("error", reject);
    child.once("close", (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
}
