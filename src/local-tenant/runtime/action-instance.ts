import { performance } from "node:perf_hooks";
import type {
  PostLoginActionModule,
  PostLoginEvent,
  TransactionMetadataValue,
} from "../../actions-platform/post-login";
import { type ActionCache, createActionCache } from "./action-cache";
import { createExecutionLogs } from "./execution-logs";
import { type ActionDependency, type LoadActionResult, loadActionModule } from "./load-action";
import { createPostLoginApi, type RecordedRedirect } from "./post-login-api";
import { describeThrown, type RuntimeError, type RuntimeErrorCode } from "./runtime-error";

export const auth0ExecutionLimitMs = 20_000;
export const executionTimeoutMessage = "Script execution time exceeded";

export interface ActionInstanceOptions {
  code: string;
  filename: string;
  dependencies: ActionDependency[];
  secrets: Record<string, string>;
  timeoutMs?: number;
  /** Milliseconds since the epoch; drives cache expiry. */
  clock?: () => number;
  /** Folder whose node_modules provide the dependencies; defaults to this project's root. */
  resolveFrom?: string;
}

export type PostLoginEventWithoutSecrets = Omit<PostLoginEvent, "secrets">;

export interface ExecutionResult {
  denied?: string;
  primaryUserId?: string;
  appMetadata: Record<string, unknown>;
  userMetadata: Record<string, unknown>;
  /** Set when the Action called `api.redirect.sendUserTo`: the flow suspends after it. */
  redirect?: RecordedRedirect;
  /** `event.transaction.metadata` as the execution left it. */
  transactionMetadata?: Record<string, TransactionMetadataValue>;
  multifactor?: { provider: string; allowRememberBrowser: boolean };
  /** The factors offered by each challengeWith / challengeWithAny, in call order. */
  challenges?: string[][];
  logs: string[];
  error?: string;
  errorCode?: RuntimeErrorCode;
  durationMs: number;
}

export interface ActionInstance {
  execute(event: PostLoginEventWithoutSecrets): Promise<ExecutionResult>;
  /**
   * Runs `onContinuePostLogin` when the flow resumes at `/continue`: a new execution, with its
   * own time limit, whose event carries the `/continue` request.
   */
  resume(event: PostLoginEventWithoutSecrets): Promise<ExecutionResult>;
  /** A fresh module scope and an empty cache, as when Auth0 moves the Action to a new instance. */
  restart(): void;
  cache: ActionCache;
}

class ExecutionFailure extends Error {
  constructor(readonly failure: RuntimeError) {
    super(failure.message);
  }
}

/** One warm Auth0 instance of an Action: module scope and cache survive between executions. */
export function createActionInstance(options: ActionInstanceOptions): ActionInstance {
  const timeoutMs = options.timeoutMs ?? auth0ExecutionLimitMs;
  const cache = createActionCache(options.clock);
  const executionLogs = createExecutionLogs();
  let loaded: LoadActionResult | undefined;

  const moduleOrFailure = (): PostLoginActionModule => {
    loaded ??= loadActionModule({
      code: options.code,
      filename: options.filename,
      dependencies: options.dependencies,
      console: executionLogs.console,
      ...(options.resolveFrom === undefined ? {} : { resolveFrom: options.resolveFrom }),
    });
    if (!loaded.ok) throw new ExecutionFailure(loaded.error);
    return loaded;
  };

  const run = async (
    event: PostLoginEventWithoutSecrets,
    handlerOf: (module: PostLoginActionModule) => PostLoginActionModule["onExecutePostLogin"],
  ): Promise<ExecutionResult> => {
    const startedAt = performance.now();
    const copy = structuredClone(event);
    const transactionMetadata = { ...copy.transaction?.metadata };
    const fullEvent: PostLoginEvent = {
      ...copy,
      ...(copy.transaction
        ? { transaction: { ...copy.transaction, metadata: transactionMetadata } }
        : {}),
      secrets: { ...options.secrets },
    };
    const recorder = createPostLoginApi(cache, transactionMetadata);

    const { outcome, logs } = await executionLogs.capture(async () => {
      const handler = handlerOf(moduleOrFailure());
      await withTimeLimit(timeoutMs, async () => handler(fullEvent, recorder.api));
    });
    const durationMs = performance.now() - startedAt;

    const { error: commandError, ...commands } = recorder.commands();
    const failure = outcome.status === "rejected" ? asRuntimeError(outcome.reason) : commandError;
    if (failure) {
      return {
        appMetadata: {},
        userMetadata: {},
        logs,
        error: failure.message,
        errorCode: failure.code,
        durationMs,
      };
    }
    return { ...commands, transactionMetadata: { ...transactionMetadata }, logs, durationMs };
  };

  return {
    cache,
    restart() {
      loaded = undefined;
      cache.evictAll();
    },
    execute: (event) => run(event, (module) => module.onExecutePostLogin),
    resume: (event) =>
      run(event, (module) => {
        if (!module.onContinuePostLogin) {
          throw new ExecutionFailure({
            code: "continue_handler_missing",
            message: "The Action redirected but does not export onContinuePostLogin",
          });
        }
        return module.onContinuePostLogin;
      }),
  };
}

// Only asynchronous work can be cut off: a synchronous endless loop in this realm blocks the
// process, which Auth0's separate sandbox would survive.
async function withTimeLimit(limitMs: number, work: () => Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeLimit = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ExecutionFailure({ code: "execution_timeout", message: executionTimeoutMessage }),
        ),
      limitMs,
    );
  });
  try {
    await Promise.race([work(), timeLimit]);
  } finally {
    clearTimeout(timer);
  }
}

function asRuntimeError(thrown: unknown): RuntimeError {
  if (thrown instanceof ExecutionFailure) return thrown.failure;
  return { code: "handler_threw", message: describeThrown(thrown) };
}
