const emailKey = '"email":"';

/**
 * The root `email` of one export line, found without parsing the line when that is certain:
 * the key `"email":"` cannot occur inside a JSON string (its quotes would be escaped), so when
 * it occurs once, before any nested object or array, with a value free of escapes, it is the
 * root's. Anything else (escapes, nesting first, spacing, a repeated key, no address) falls back
 * to JSON.parse, which decides. Parsing every line would double the first pass's time.
 */
export function rootEmail(line: string): string | undefined | null {
  const at = line.indexOf(emailKey);
  if (at !== -1) {
    const nestedObject = line.indexOf("{", 1);
    const nestedArray = line.indexOf("[");
    const valueStart = at + emailKey.length;
    const valueEnd = line.indexOf('"', valueStart);
    if (
      line.charCodeAt(0) === 0x7b &&
      (nestedObject === -1 || nestedObject > at) &&
      (nestedArray === -1 || nestedArray > at) &&
      valueEnd > valueStart &&
      line.lastIndexOf("\\", valueEnd) < valueStart &&
      line.indexOf(emailKey, valueEnd) === -1
    ) {
      return line.slice(valueStart, valueEnd);
    }
  }
  return parsedEmail(line);
}

/** `null`: not a JSON object; `undefined`: no address. */
function parsedEmail(line: string): string | undefined | null {
  let user: unknown;
  try {
    user = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof user !== "object" || user === null || Array.isArray(user)) return null;
  const { email } = user as { email?: unknown };
  return typeof email === "string" && email !== "" ? email : undefined;
}
