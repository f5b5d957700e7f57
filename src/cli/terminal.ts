import { createInterface } from "node:readline/promises";

/** Where a command asks the administrator: only a person at a terminal can answer. */
export interface Terminal {
  interactive: boolean;
  ask(question: string): Promise<string>;
}

/** The process's own terminal: stdin when it is one, the question on stderr (stdout is data). */
export function processTerminal(): Terminal {
  return {
    interactive: process.stdin.isTTY === true,
    async ask(question) {
      const reader = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await reader.question(question);
      } finally {
        reader.close();
      }
    },
  };
}

/**
 * Before the first write: `--yes` answers for a pipeline; without it, only a terminal can.
 * Returns the usage problem to report (exit 2), or undefined when the run may go on.
 */
export function consentProblem(
  apply: boolean,
  yes: boolean,
  terminal: Terminal,
): string | undefined {
  if (!apply || yes || terminal.interactive) return undefined;
  return "--apply changes the tenant and no terminal can confirm it: pass --yes to confirm (CI)";
}

/** Asks on the terminal unless --yes already answered; true only for "y" or "yes". */
export async function confirmed(
  yes: boolean,
  terminal: Terminal,
  question: string,
): Promise<boolean> {
  if (yes) return true;
  const answer = await terminal.ask(`${question} [y/N] `);
  return /^(y|yes)$/i.test(answer.trim());
}
