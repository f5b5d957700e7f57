/**
 * Auth0 limits a user profile to "10KB" serialized, with a temporary allowance past it. Whether
 * that means 10,000 or 10,240 bytes is not documented: the stricter reading holds under both.
 */
export const PROFILE_SIZE_LIMIT_BYTES = 10_000;

/** Bytes of the value's JSON text in UTF-8, as Auth0 would store it. */
export function serializedBytes(value: unknown): number {
  const json = JSON.stringify(value);
  return json === undefined ? 0 : Buffer.byteLength(json, "utf8");
}
