import { spawn } from "node:child_process";

export interface ChildRun {
  exitCode: number | null;
}

/** Runs a process to its end, passing each chunk of its output (both streams) to `output`. */
export function runChild(
  command: string,
  args: string[],
  options: {
    cwd: string;
    env: Record<string, string | undefined>;
    output: (chunk: string) => void;
  },
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.setEncoding("utf8").on("data", options.output);
    child.stderr.setEncoding("utf8").on("data", options.output);
    child.once("error", reject);
    child.once("close", (exitCode) => resolve({ exitCode }));
  });
}

/** Replaces every occurrence of the given values (secrets) with `[redacted]`. */
export function redactor(values: readonly string[]): (text: string) => string {
  const secrets = values.filter((value) => value.length >= 4);
  return (text) =>
    secrets.reduce((redacted, secret) => redacted.split(secret).join("[redacted]"), text);
}
