import { mustFinishLimitMs, startTimeBudget } from "../time-budget";
import { goOn, type LoginContext, type LoginState, type LoginStep } from "./login-step";

/**
 * The first request is due: the time budget starts now, and every request of this login goes
 * through the one port it opens (which counts them for the log line).
 */
export function openPort({ api, createPort }: LoginContext, state: LoginState): void {
  const budget = startTimeBudget(state.config.timeBudgetMs);
  const mustFinishBudget = startTimeBudget(mustFinishLimitMs);
  state.budget = budget;
  state.port = createPort({ settings: state.config, cache: api.cache, budget, mustFinishBudget });
}

// Every step after this one may make requests.
export const startBudgetAndPort: LoginStep = (context, state) => {
  openPort(context, state);
  return goOn;
};
