export type RuntimeErrorCode =
  | "dependency_not_installed"
  | "dependency_version_mismatch"
  | "module_load_failed"
  | "handler_missing"
  | "handler_threw"
  | "execution_timeout"
  | "primary_user_already_set"
  | "primary_user_id_invalid"
  | "redirect_invalid"
  | "continue_handler_missing";

export interface RuntimeError {
  code: RuntimeErrorCode;
  message: string;
}

export function describeThrown(thrown: unknown): string {
  return thrown instanceof Error ? thrown.message : String(thrown);
}
