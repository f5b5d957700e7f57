// Only ASCII letters are folded: Unicode case folding or normalisation would let a look-alike
// address (Turkish dotless i, full-width letters, Kelvin sign) match someone else's account.
export function asciiLowerCase(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => String.fromCharCode(letter.charCodeAt(0) + 32));
}

// users-by-email is case-sensitive, and some providers send capitalised addresses.
export function lookupVariants(email: string): string[] {
  const lower = asciiLowerCase(email);
  return lower === email ? [email] : [email, lower];
}

export function sameAddress(a: string, b: string): boolean {
  return asciiLowerCase(a) === asciiLowerCase(b);
}
