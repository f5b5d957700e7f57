// A spreadsheet runs a cell that begins with = + - @ as a formula, and some also after a leading
// tab or carriage return (OWASP's CSV injection list): such a cell is written after a quote.
const formulaStart = /^[=+\-@\t\r]/;

/** One CSV cell: neutralised if a spreadsheet could run it, quoted if it holds , " or a newline. */
export function csvCell(value: string | number | boolean): string {
  const text = String(value);
  const safe = formulaStart.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
