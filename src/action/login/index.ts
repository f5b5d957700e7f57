import { applyLinks } from "./apply-links";
import { checkCurrentAccount } from "./check-current-account";
import { checkLinkAtLogin } from "./check-link-at-login";
import { checkModeOn } from "./check-mode-on";
import { checkProtocol } from "./check-protocol";
import { checkSecondaryHoldings } from "./check-secondary-holdings";
import { chooseAddressForms } from "./choose-address-forms";
import type { FinalStep, LoginStep } from "./login-step";
import { lookUpCandidates } from "./look-up-candidates";
import { startBudgetAndPort } from "./open-port";
import { planLinks } from "./plan-links";
import { readConnectionIds } from "./read-connection-ids";
import { readCurrentAccount } from "./read-current-account";
import { readKindsAndFactors } from "./read-kinds-and-factors";
import { readSettings } from "./read-settings";
import { skipOrganizationLogin } from "./skip-organization-login";
import { skipPromptTransaction } from "./skip-prompt-transaction";
import { stopAtDryRun } from "./stop-at-dry-run";

/**
 * The login's policy, in order: each step is its own module, named after what it enforces, and
 * the first that returns an outcome ends the login. The steps before `startBudgetAndPort` read
 * only the event and cost no request; nothing is linked unless every step let the login go on.
 */
export const loginSteps: readonly LoginStep[] = [
  readSettings,
  checkModeOn,
  skipPromptTransaction,
  checkProtocol,
  skipOrganizationLogin,
  readCurrentAccount,
  checkCurrentAccount,
  chooseAddressForms,
  startBudgetAndPort,
  lookUpCandidates,
  readKindsAndFactors,
  planLinks,
  checkLinkAtLogin,
  checkSecondaryHoldings,
  stopAtDryRun,
  readConnectionIds,
];

/** Reached only when every step went on: the links are made. */
export const finalStep: FinalStep = applyLinks;
