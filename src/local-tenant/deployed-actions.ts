import { randomUUID } from "node:crypto";
import type { TenantState } from "./tenant-state";

export interface ActionTriggerRef {
  id: string;
  version: string;
}

export interface ActionDependencySpec {
  name: string;
  version: string;
  registry_url?: string;
}

export interface ActionSecretValue {
  name: string;
  value: string;
  updated_at: string;
}

/** What a create or update carries; absent fields keep their current values on update. */
export interface ActionDraft {
  name?: string;
  code?: string;
  runtime?: string;
  dependencies?: ActionDependencySpec[];
  /** A secret sent without a value keeps the value it had. */
  secrets?: { name: string; value?: string }[];
  supported_triggers?: ActionTriggerRef[];
  /** On create: deploy the draft as soon as it is built. */
  deploy?: boolean;
}

/** What a draft holds and a deploy freezes into a version. */
interface ActionContent {
  code: string;
  runtime: string;
  dependencies: ActionDependencySpec[];
  secrets: ActionSecretValue[];
  supported_triggers: ActionTriggerRef[];
}

export interface ActionVersion extends ActionContent {
  id: string;
  number: number;
  created_at: string;
  built_at: string;
}

export interface StoredAction extends ActionContent {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
  /** Epoch milliseconds at which the current draft's build finishes. */
  builtAtMs: number;
  all_changes_deployed: boolean;
  deployedVersion?: ActionVersion;
  versionCount: number;
  /** Created with `deploy: true`: deployed as soon as its build finishes. */
  deployWhenBuilt: boolean;
}

export type BuildStatus = "pending" | "built";

export interface TriggerBinding {
  id: string;
  trigger_id: string;
  action_id: string;
  display_name: string;
  created_at: string;
  updated_at: string;
}

export type BindingRef = { type: "action_name" | "action_id" | "binding_id"; value: string };

export type DeployedActionsErrorCode =
  | "action_not_found"
  | "action_name_taken"
  | "action_not_built"
  | "action_not_deployed"
  | "trigger_not_supported"
  | "unknown_trigger"
  | "binding_ref_not_found"
  | "too_many_bindings";

export interface DeployedActionsError {
  code: DeployedActionsErrorCode;
  message: string;
}

export type DeployedActionsResult<T> =
  | { ok: true; value: T }
  | { ok: false; error: DeployedActionsError };

/**
 * The triggers this tenant knows (every id of the specification's `ActionTriggerTypeEnum`), with
 * the version each accepts. The versions of the first six are Auth0's current ones; for the
 * later triggers `v1` is assumed (unconfirmed).
 */
export const knownTriggers: readonly ActionTriggerRef[] = [
  { id: "post-login", version: "v3" },
  { id: "credentials-exchange", version: "v2" },
  { id: "pre-user-registration", version: "v2" },
  { id: "post-user-registration", version: "v2" },
  { id: "post-change-password", version: "v2" },
  { id: "send-phone-message", version: "v2" },
  { id: "custom-phone-provider", version: "v1" },
  { id: "custom-email-provider", version: "v1" },
  { id: "password-reset-post-challenge", version: "v1" },
  { id: "custom-token-exchange", version: "v1" },
  { id: "event-stream", version: "v1" },
  { id: "password-hash-migration", version: "v1" },
  { id: "login-post-identifier", version: "v1" },
  { id: "signup-post-identifier", version: "v1" },
];

/** Auth0's limit of Actions bound to one trigger. */
export const maxBindingsPerTrigger = 20;
export const defaultRuntime = "node22";
/** Auth0's answer to a deploy before the build finished; the deploy CLI retries on it. */
export const notBuiltMessage =
  "An action version must be in the 'built' state before it can be deployed.";

/**
 * The tenant's Actions and trigger bindings, as the Actions API keeps them: an Action is a
 * draft that is built, then deployed as a numbered version; bindings point at Actions and run
 * their deployed version.
 */
export class DeployedActions {
  readonly #actions = new Map<string, StoredAction>();
  readonly #bindings = new Map<string, TriggerBinding[]>();
  readonly #clock: () => number;
  /** How long a draft stays `pending` after a create or update. */
  buildDurationMs = 0;

  constructor(clock: () => number = Date.now) {
    this.#clock = clock;
  }

  list(
    filter: { triggerId?: string; actionName?: string; deployed?: boolean } = {},
  ): StoredAction[] {
    return [...this.#actions.keys()]
      .map((id) => this.#settled(id))
      .filter((action): action is StoredAction => action !== undefined)
      .filter(
        (action) =>
          (filter.actionName === undefined || action.name === filter.actionName) &&
          (filter.triggerId === undefined ||
            action.supported_triggers.some((trigger) => trigger.id === filter.triggerId)) &&
          (filter.deployed === undefined ||
            (action.deployedVersion !== undefined) === filter.deployed),
      );
  }

  get(id: string): StoredAction | undefined {
    return this.#settled(id);
  }

  /** The Action as it is now: one created with `deploy: true` is deployed once built. */
  #settled(id: string): StoredAction | undefined {
    const action = this.#actions.get(id);
    if (action?.deployWhenBuilt && this.buildStatus(action) === "built") {
      this.#actions.set(id, { ...action, deployWhenBuilt: false });
      this.deploy(id);
    }
    return this.#actions.get(id);
  }

  buildStatus(action: StoredAction): BuildStatus {
    return this.#clock() >= action.builtAtMs ? "built" : "pending";
  }

  create(draft: ActionDraft & { name: string }): DeployedActionsResult<StoredAction> {
    if (this.list({ actionName: draft.name }).length > 0) {
      return failure("action_name_taken", `An action with name '${draft.name}' already exists.`);
    }
    const now = this.#isoNow();
    const action: StoredAction = {
      id: randomUUID(),
      name: draft.name,
      code: draft.code ?? "",
      runtime: draft.runtime ?? defaultRuntime,
      dependencies: draft.dependencies ?? [],
      secrets: mergeSecrets([], draft.secrets ?? [], now),
      supported_triggers: draft.supported_triggers ?? [],
      created_at: now,
      updated_at: now,
      builtAtMs: this.#clock() + this.buildDurationMs,
      all_changes_deployed: false,
      versionCount: 0,
      deployWhenBuilt: draft.deploy === true,
    };
    this.#actions.set(action.id, action);
    return { ok: true, value: this.#settled(action.id) ?? action };
  }

  update(id: string, draft: ActionDraft): DeployedActionsResult<StoredAction> {
    const action = this.#actions.get(id);
    if (!action) return actionNotFound(id);
    if (draft.name !== undefined && draft.name !== action.name) {
      if (this.list({ actionName: draft.name }).length > 0) {
        return failure("action_name_taken", `An action with name '${draft.name}' already exists.`);
      }
    }
    const now = this.#isoNow();
    const updated: StoredAction = {
      ...action,
      ...(draft.name === undefined ? {} : { name: draft.name }),
      ...(draft.code === undefined ? {} : { code: draft.code }),
      ...(draft.runtime === undefined ? {} : { runtime: draft.runtime }),
      ...(draft.dependencies === undefined ? {} : { dependencies: draft.dependencies }),
      ...(draft.supported_triggers === undefined
        ? {}
        : { supported_triggers: draft.supported_triggers }),
      secrets:
        draft.secrets === undefined
          ? action.secrets
          : mergeSecrets(action.secrets, draft.secrets, now),
      updated_at: now,
      builtAtMs: this.#clock() + this.buildDurationMs,
      all_changes_deployed: false,
    };
    this.#actions.set(id, updated);
    return { ok: true, value: updated };
  }

  /** Makes the built draft the Action's deployed version, which its bindings then run. */
  deploy(id: string): DeployedActionsResult<ActionVersion> {
    const action = this.#actions.get(id);
    if (!action) return actionNotFound(id);
    if (this.buildStatus(action) !== "built") return failure("action_not_built", notBuiltMessage);
    const now = this.#isoNow();
    const version: ActionVersion = {
      id: randomUUID(),
      number: action.versionCount + 1,
      code: action.code,
      runtime: action.runtime,
      dependencies: structuredClone(action.dependencies),
      secrets: structuredClone(action.secrets),
      supported_triggers: structuredClone(action.supported_triggers),
      created_at: now,
      built_at: new Date(action.builtAtMs).toISOString(),
    };
    this.#actions.set(id, {
      ...action,
      deployedVersion: version,
      versionCount: version.number,
      all_changes_deployed: true,
    });
    return { ok: true, value: version };
  }

  bindings(triggerId: string): DeployedActionsResult<TriggerBinding[]> {
    if (!isKnownTrigger(triggerId)) return unknownTrigger(triggerId);
    return { ok: true, value: [...(this.#bindings.get(triggerId) ?? [])] };
  }

  /** Replaces the trigger's whole binding list, in the given order, as the Actions API does. */
  replaceBindings(
    triggerId: string,
    requested: { ref: BindingRef; display_name?: string }[],
  ): DeployedActionsResult<TriggerBinding[]> {
    if (!isKnownTrigger(triggerId)) return unknownTrigger(triggerId);
    if (requested.length > maxBindingsPerTrigger) {
      return failure(
        "too_many_bindings",
        `A trigger can have at most ${maxBindingsPerTrigger} bound actions.`,
      );
    }
    const now = this.#isoNow();
    const current = this.#bindings.get(triggerId) ?? [];
    const bindings: TriggerBinding[] = [];
    for (const { ref, display_name } of requested) {
      // A binding_id ref keeps an existing binding of this trigger, with its id and creation.
      const kept = ref.type === "binding_id" ? current.find((b) => b.id === ref.value) : undefined;
      if (ref.type === "binding_id" && !kept) {
        return failure("binding_ref_not_found", `The binding '${ref.value}' does not exist.`);
      }
      const action = kept
        ? this.get(kept.action_id)
        : ref.type === "action_id"
          ? this.get(ref.value)
          : this.list({ actionName: ref.value })[0];
      if (!action) {
        const name = kept?.action_id ?? ref.value;
        return failure("binding_ref_not_found", `The action '${name}' does not exist.`);
      }
      if (!action.supported_triggers.some((trigger) => trigger.id === triggerId)) {
        return failure(
          "trigger_not_supported",
          `Action '${action.name}' does not support the trigger '${triggerId}'.`,
        );
      }
      if (!action.deployedVersion) {
        return failure(
          "action_not_deployed",
          `Action '${action.name}' must be deployed before it can be bound.`,
        );
      }
      bindings.push({
        id: kept?.id ?? randomUUID(),
        trigger_id: triggerId,
        action_id: action.id,
        display_name: display_name ?? kept?.display_name ?? action.name,
        created_at: kept?.created_at ?? now,
        updated_at: now,
      });
    }
    this.#bindings.set(triggerId, bindings);
    return { ok: true, value: [...bindings] };
  }

  #isoNow(): string {
    return new Date(this.#clock()).toISOString();
  }
}

const deployedActionsByTenant = new WeakMap<TenantState, DeployedActions>();

/** The Actions of a tenant; made empty the first time the tenant is asked for them. */
export function deployedActionsOf(state: TenantState): DeployedActions {
  let deployed = deployedActionsByTenant.get(state);
  if (!deployed) {
    deployed = new DeployedActions();
    deployedActionsByTenant.set(state, deployed);
  }
  return deployed;
}

/** The deployed version of the first Action bound to the trigger, the one Auth0 runs first. */
export function firstBoundVersion(
  deployed: DeployedActions,
  triggerId: string,
): { action: StoredAction; version: ActionVersion } | undefined {
  const bindings = deployed.bindings(triggerId);
  const first = bindings.ok ? bindings.value[0] : undefined;
  const action = first ? deployed.get(first.action_id) : undefined;
  return action?.deployedVersion ? { action, version: action.deployedVersion } : undefined;
}

function mergeSecrets(
  current: ActionSecretValue[],
  given: { name: string; value?: string }[],
  now: string,
): ActionSecretValue[] {
  return given.map(({ name, value }) => {
    const existing = current.find((secret) => secret.name === name);
    if (value === undefined) return existing ?? { name, value: "", updated_at: now };
    return existing?.value === value ? existing : { name, value, updated_at: now };
  });
}

function isKnownTrigger(triggerId: string): boolean {
  return knownTriggers.some((trigger) => trigger.id === triggerId);
}

function failure<T>(code: DeployedActionsErrorCode, message: string): DeployedActionsResult<T> {
  return { ok: false, error: { code, message } };
}

function actionNotFound<T>(id: string): DeployedActionsResult<T> {
  return failure("action_not_found", `The action '${id}' does not exist.`);
}

function unknownTrigger<T>(triggerId: string): DeployedActionsResult<T> {
  return failure("unknown_trigger", `The trigger '${triggerId}' does not exist.`);
}
