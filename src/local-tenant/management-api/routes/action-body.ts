import type { ActionDraft, BindingRef } from "../../deployed-actions";
import { managementError } from "../errors";
import type { ApiResponse } from "../route";

export type Parsed<T> = { ok: true; value: T } | { ok: false; response: ApiResponse };

const draftFields = ["name", "code", "runtime", "dependencies", "secrets", "supported_triggers"];

/** The fields of a create or update body the emulator keeps; `required` must be present. */
export function parseActionDraft(body: unknown, required: readonly string[]): Parsed<ActionDraft> {
  if (!isObject(body)) return invalidBody("Expected type object' on the request body");
  for (const field of required) {
    if (body[field] === undefined) return invalidBody(`Missing required property: ${field}'`);
  }
  for (const field of ["name", "code", "runtime"]) {
    if (body[field] !== undefined && typeof body[field] !== "string") {
      return invalidBody(`Expected type string' on property ${field}`);
    }
  }
  for (const field of ["dependencies", "secrets", "supported_triggers"]) {
    const value = body[field];
    if (value !== undefined && !(Array.isArray(value) && value.every(hasStringName(field)))) {
      return invalidBody(
        `Expected an array of objects with a string name or id' on property ${field}`,
      );
    }
  }
  const draft = Object.fromEntries(
    draftFields.filter((field) => body[field] !== undefined).map((field) => [field, body[field]]),
  );
  return { ok: true, value: draft as ActionDraft };
}

export function parseBindingsPatch(
  body: unknown,
): Parsed<{ ref: BindingRef; display_name?: string }[]> {
  if (!isObject(body) || !Array.isArray(body.bindings)) {
    return invalidBody("Missing required property: bindings'");
  }
  const bindings: { ref: BindingRef; display_name?: string }[] = [];
  for (const binding of body.bindings as unknown[]) {
    const ref = isObject(binding) ? binding.ref : undefined;
    if (
      !isObject(ref) ||
      (ref.type !== "action_name" && ref.type !== "action_id") ||
      typeof ref.value !== "string"
    ) {
      return invalidBody("Expected ref { type: action_name | action_id, value }' on a binding");
    }
    const displayName = isObject(binding) ? binding.display_name : undefined;
    bindings.push({
      ref: { type: ref.type, value: ref.value },
      ...(typeof displayName === "string" ? { display_name: displayName } : {}),
    });
  }
  return { ok: true, value: bindings };
}

function hasStringName(field: string): (item: unknown) => boolean {
  const key = field === "supported_triggers" ? "id" : "name";
  return (item) => isObject(item) && typeof item[key] === "string";
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
