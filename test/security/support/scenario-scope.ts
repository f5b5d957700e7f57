import { AsyncLocalStorage } from "node:async_hooks";
import { onTestFinished } from "vitest";

type Close = () => Promise<void>;

// Vitest's global onTestFinished cannot tell concurrent tests apart, so a case keeps the
// tenants it started in its own async context and closes them itself.
const openedInCase = new AsyncLocalStorage<Close[]>();

export async function runClosingScenarios(play: () => Promise<void>): Promise<void> {
  const closers: Close[] = [];
  try {
    await openedInCase.run(closers, play);
  } finally {
    await Promise.all(closers.map((close) => close()));
  }
}

/** Closes a tenant when the case (or, outside a case, the test) that started it ends. */
export function closeWhenDone(close: Close): void {
  const closers = openedInCase.getStore();
  if (closers) closers.push(close);
  else onTestFinished(close);
}
