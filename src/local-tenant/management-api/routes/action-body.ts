import type { ActionDraft, BindingRef } from "../../deployed-actions";
import { managementError } from "../errors";
import type { ApiResponse } from "../route";

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: ApiResponse };

const draftFields = [
  "name",
  "code",
  "runtime",
  "dependencies",
  "secrets",
  "supported_triggers",
  "deploy",
];

/**
 * The fields of a create or update body the emulator keeps. The body has already passed the
 * specification's `CreateActionRequestContent` / `UpdateActionRequestContent`.
 */
export function actionDraftOf(body: unknown): ActionDraft {
  const fields = isObject(body) ? body : {};
  return Object.fromEntries(
    draftFields
      .filter((field) => fields[field] !== undefined)
      .map((field) => [field, fields[field]]),
  ) as ActionDraft;
}

/**
 * The bindings of a PATCH body that passed `UpdateActionBindingsRequestContent`. That schema
 * leaves a ref's `type` and `value` optional: the type defaults to `action_name` as the
 * specification says, and a ref without a value names nothing, so it is refused.
 */
export function parseBindingsPatch(
  body: unknown,
): Parsed<{ ref: BindingRef; display_name?: string }[]> {
  const items = isObject(body) && Array.isArray(body.bindings) ? body.bindings : [];
  const bindings: { ref: BindingRef; display_name?: string }[] = [];
  for (const item of items as Record<string, unknown>[]) {
    const ref = item.ref as { type?: BindingRef["type"]; value?: unknown };
    if (typeof ref.value !== "string") {
      return invalidBody("Missing required property: value' on property bindings.ref");
    }
    bindings.push({
      ref: { type: ref.type ?? "action_name", value: ref.value },
      ...(typeof item.display_name === "string" ? { display_name: item.display_name } : {}),
    });
  }
  return { ok: true, value: bindings };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function invalidBody(detail: string): { ok: false; response: ApiResponse } {
  return {
    ok: false,
    response: managementError(400, `Payload validation error: '${detail}.`, "invalid_body"),
  };
}
