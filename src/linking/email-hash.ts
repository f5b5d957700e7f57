import { createHmac } from "node:crypto";
import { asciiLowerCase } from "./email";

const EMAIL_HASH_HEX_LENGTH = 16;

// Keyed so that a leaked log or marker cannot be matched against a list of known addresses.
export function hashEmail(email: string, key: string): string {
  return createHmac("sha256", key)
    .update(asciiLowerCase(email), "utf8")
    .digest("hex")
    .slice(0, EMAIL_HASH_HEX_LENGTH);
}
