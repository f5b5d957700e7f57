import { AsyncLocalStorage } from "node:async_hooks";
import { format } from "node:util";

type LogSink = string[];

export interface ExecutionLogs {
  /** The console handed to the Action: each line goes to the execution it was written in. */
  console: Console;
  /** Runs `work` as one execution and returns its result with the lines it logged. */
  capture<T>(work: () => Promise<T>): Promise<{ outcome: PromiseSettledResult<T>; logs: string[] }>;
}

const loggingMethods = ["log", "info", "warn", "error", "debug", "trace"] as const;

// One AsyncLocalStorage per runtime so concurrent executions, which share the module's single
// console, still each get their own lines. Lines written outside any execution (a timer that
// outlives its execution) are dropped, as Auth0 drops them.
export function createExecutionLogs(): ExecutionLogs {
  const currentSink = new AsyncLocalStorage<LogSink>();
  const write = (...args: unknown[]): void => {
    currentSink.getStore()?.push(format(...args));
  };
  const capturingConsole = Object.create(globalThis.console) as Console;
  for (const method of loggingMethods) {
    capturingConsole[method] = write;
  }

  return {
    console: capturingConsole,
    async capture(work) {
      const logs: LogSink = [];
      const outcome = await currentSink.run(logs, async () => {
        try {
          return { status: "fulfilled" as const, value: await work() };
        } catch (reason) {
          return { status: "rejected" as const, reason };
        }
      });
      return { outcome, logs: [...logs] };
    },
  };
}
