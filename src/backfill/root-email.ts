import { groupKeyHash } from "./address-key";

const emailKey = Buffer.from('"email":"', "latin1");
const openBrace = 0x7b;
const openBracket = 0x5b;
const quote = 0x22;
const backslash = 0x5c;

/**
 * Where the root `email` value of a line is, found without parsing the line when that is
 * certain: the key `"email":"` cannot occur inside a JSON string (its quotes would be escaped),
 * so when it occurs once, before any nested object or array, with a value free of escapes, it is
 * the root's. `undefined` when not certain (escapes, nesting first, spacing, a repeated key, no
 * address): JSON.parse decides then. Parsing every line would double the first pass's time.
 */
function certainValue(line: Buffer): { valueStart: number; valueEnd: number } | undefined {
  if (line[0] !== openBrace) return undefined;
  const at = line.indexOf(emailKey);
  if (at === -1) return undefined;
  const nestedObject = line.indexOf(openBrace, 1);
  const nestedArray = line.indexOf(openBracket);
  if ((nestedObject !== -1 && nestedObject < at) || (nestedArray !== -1 && nestedArray < at)) {
    return undefined;
  }
  const valueStart = at + emailKey.length;
  const valueEnd = line.indexOf(quote, valueStart);
  if (valueEnd <= valueStart || line.indexOf(emailKey, valueEnd) !== -1) return undefined;
  for (let index = valueStart; index < valueEnd; index++) {
    if (line[index] === backslash) return undefined;
  }
  return { valueStart, valueEnd };
}

/** `null`: not a JSON object; `undefined`: no address. */
function parsedEmail(line: Buffer): string | undefined | null {
  let user: unknown;
  try {
    user = JSON.parse(line.toString("utf8"));
  } catch {
    return null;
  }
  if (typeof user !== "object" || user === null || Array.isArray(user)) return null;
  const { email } = user as { email?: unknown };
  return typeof email === "string" && email !== "" ? email : undefined;
}

/** The root `email` of one line's bytes: `null` if the line is not a JSON object. */
export function rootEmail(line: Buffer): string | undefined | null {
  const value = certainValue(line);
  if (value) return line.toString("utf8", value.valueStart, value.valueEnd);
  return parsedEmail(line);
}

/**
 * `groupKeyHash` of the line's root `email`, read straight from its bytes when certain: the first
 * pass decodes no text for the lines that need no parsing, nearly all of them.
 */
export function rootEmailHash(line: Buffer): number | undefined | null {
  const value = certainValue(line);
  if (value) return groupKeyHash(line, value.valueStart, value.valueEnd);
  const email = parsedEmail(line);
  if (typeof email !== "string") return email;
  const encoded = Buffer.from(email, "utf8");
  return groupKeyHash(encoded, 0, encoded.length);
}
