import { spawn } from "node:child_process";
import { projectRoot } from "../../src/project-root";
import type { ScriptRun } from "./project-script";

const quoted = (word: string) => `'${word.replaceAll("'", "'\\''")}'`;

/**
 * Runs one of the project's entry points on a pseudo-terminal (`script` from util-linux), so that
 * its stdin is a TTY, and types `typed` once it has asked (the output shows `question`).
 * stdout and stderr arrive together, as on a terminal.
 */
export function runOnTerminal(
  file: string,
  args: readonly string[],
  env: Record<string, string | undefined>,
  answer: { question: string; typed: string },
): Promise<ScriptRun> {
  const command = [process.execPath, "--import", "tsx", file, ...args].map(quoted).join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn("script", ["--quiet", "--return", "--command", command, "/dev/null"], {
      cwd: projectRoot,
      env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let output = "";
    let typed = false;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      if (!typed && output.includes(answer.question)) {
        typed = true;
        child.stdin.write(`${answer.typed}\r`);
      }
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
    });
    child.once("error", reject);
    child.once("close", (exitCode) => resolve({ exitCode, stdout: output, stderr: "" }));
  });
}
