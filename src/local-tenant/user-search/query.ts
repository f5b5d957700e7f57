/**
 * The subset of Lucene query syntax Auth0's user search (v3) documents and the backfill uses:
 * `field:value`, `field:"a phrase"`, `field:prefix*`, `field:*suffix`, `field:*` (has a value),
 * ranges `field:[A TO B]` (inclusive), `field:{A TO B}` (exclusive, either side may be mixed,
 * `*` for an open end), `AND`, `OR`, `NOT`, parentheses, and `*` or `*:*` for everyone.
 * Terms side by side without an operator are combined with OR, Lucene's default. A bare term
 * (`jane`, `"jane doe"`) searches the fields in `bareTermFields`; wildcards and ranges on
 * `app_metadata` and `user_metadata` are refused, as Auth0's "Searchable Fields" says they are.
 */
export type QueryNode =
  | { kind: "all" }
  | { kind: "term"; field: string; value: string; phrase: boolean }
  | { kind: "range"; field: string; from: RangeBound; to: RangeBound }
  | { kind: "and" | "or"; left: QueryNode; right: QueryNode }
  | { kind: "not"; operand: QueryNode };

export interface RangeBound {
  /** `undefined` for an open end (`*`). */
  value: string | undefined;
  inclusive: boolean;
}

/**
 * What a term without a field name searches. Auth0 accepts such terms; which fields they reach
 * is not stated in the specification, so these are the profile's own names for a person.
 */
export const bareTermFields = ["user_id", "email", "name", "nickname"] as const;

const metadataFields = new Set(["app_metadata", "user_metadata"]);

export type QueryParseResult = { ok: true; query: QueryNode } | { ok: false; message: string };

type Token =
  | { kind: "word"; text: string }
  | { kind: "phrase"; text: string }
  | { kind: "range"; text: string; from: RangeBound; to: RangeBound }
  | { kind: "open" | "close" | "colon"; text: string };

export function parseUserQuery(source: string): QueryParseResult {
  const tokens = tokenize(source);
  if (!tokens.ok) return tokens;
  if (tokens.tokens.length === 0) return { ok: false, message: "the query is empty" };
  const parser = new Parser(tokens.tokens);
  try {
    const query = parser.parseOr();
    if (!parser.done()) return { ok: false, message: `unexpected ${parser.peekText()}` };
    return { ok: true, query };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

function tokenize(source: string): { ok: true; tokens: Token[] } | { ok: false; message: string } {
  const tokens: Token[] = [];
  let index = 0;
  while (index < source.length) {
    const char = source[index] as string;
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === '"') {
      const end = source.indexOf('"', index + 1);
      if (end < 0) return { ok: false, message: "a quoted value is not closed" };
      tokens.push({ kind: "phrase", text: source.slice(index + 1, end) });
      index = end + 1;
    } else if (char === "[" || char === "{") {
      const end = source.slice(index).search(/[\]}]/);
      if (end < 0) return { ok: false, message: "a range is not closed" };
      const range = rangeToken(source.slice(index, index + end + 1));
      if (!range) return { ok: false, message: "a range must read [FROM TO TO]" };
      tokens.push(range);
      index += end + 1;
    } else if ("():".includes(char)) {
      tokens.push({ kind: char === "(" ? "open" : char === ")" ? "close" : "colon", text: char });
      index += 1;
    } else {
      let end = index;
      while (end < source.length && !/[\s"():[{]/.test(source[end] as string)) {
        end += source[end] === "\\" ? 2 : 1;
      }
      tokens.push({ kind: "word", text: removeEscapes(source.slice(index, end)) });
      index = end;
    }
  }
  return { ok: true, tokens };
}

/** `[A TO B]`, `{A TO B}` or mixed; bounds may hold colons (times) and may be quoted or `*`. */
function rangeToken(text: string): Token | undefined {
  const match = /^([[{])\s*(\S+)\s+TO\s+(\S+)\s*([\]}])$/.exec(text);
  if (!match) return undefined;
  const [, open, from, to, close] = match as unknown as [string, string, string, string, string];
  return {
    kind: "range",
    text,
    from: { value: rangeBound(from), inclusive: open === "[" },
    to: { value: rangeBound(to), inclusive: close === "]" },
  };
}

function rangeBound(text: string): string | undefined {
  if (text === "*") return undefined;
  return text.startsWith('"') && text.endsWith('"') && text.length >= 2 ? text.slice(1, -1) : text;
}

function anyBareTermField(value: string, phrase: boolean): QueryNode {
  return bareTermFields
    .map((field): QueryNode => ({ kind: "term", field, value, phrase }))
    .reduce((left, right) => ({ kind: "or", left, right }));
}

function removeEscapes(word: string): string {
  return word.replace(/\\(.)/g, "$1");
}

class Parser {
  #position = 0;

  constructor(private readonly tokens: Token[]) {}

  done(): boolean {
    return this.#position >= this.tokens.length;
  }

  peekText(): string {
    return this.tokens[this.#position]?.text ?? "end of query";
  }

  parseOr(): QueryNode {
    let left = this.#parseAnd();
    while (!this.done() && this.#peek()?.kind !== "close") {
      if (this.#isOperator("OR")) this.#position += 1;
      left = { kind: "or", left, right: this.#parseAnd() };
    }
    return left;
  }

  #parseAnd(): QueryNode {
    let left = this.#parseUnary();
    while (this.#isOperator("AND")) {
      this.#position += 1;
      left = { kind: "and", left, right: this.#parseUnary() };
    }
    return left;
  }

  #parseUnary(): QueryNode {
    if (this.#isOperator("NOT")) {
      this.#position += 1;
      return { kind: "not", operand: this.#parseUnary() };
    }
    const token = this.#next();
    if (token.kind === "open") {
      const inner = this.parseOr();
      this.#expect("close", ")");
      return inner;
    }
    if (token.kind === "phrase") return anyBareTermField(token.text, true);
    if (token.kind !== "word") throw new Error(`unexpected ${token.text}`);
    if (this.#peek()?.kind !== "colon") {
      return token.text === "*" ? { kind: "all" } : anyBareTermField(token.text, false);
    }
    this.#position += 1;
    return this.#parseValue(token.text);
  }

  #parseValue(field: string): QueryNode {
    const token = this.#next();
    const onMetadata = metadataFields.has(field.split(".")[0] ?? field);
    if (
      onMetadata &&
      (token.kind === "range" || (token.kind === "word" && token.text.includes("*")))
    ) {
      throw new Error(`wildcards and ranges cannot be used on ${field}`);
    }
    if (token.kind === "range") return { kind: "range", field, from: token.from, to: token.to };
    if (token.kind === "phrase") return { kind: "term", field, value: token.text, phrase: true };
    if (token.kind !== "word") throw new Error(`field ${field} has no value`);
    if (field === "*" && token.text === "*") return { kind: "all" };
    return { kind: "term", field, value: token.text, phrase: false };
  }

  #isOperator(name: "AND" | "OR" | "NOT"): boolean {
    const token = this.#peek();
    return token?.kind === "word" && token.text === name;
  }

  #peek(): Token | undefined {
    return this.tokens[this.#position];
  }

  #next(): Token {
    const token = this.tokens[this.#position];
    if (!token) throw new Error("the query ends too early");
    this.#position += 1;
    return token;
  }

  #expect(kind: Token["kind"], text: string): void {
    if (this.#next().kind !== kind) throw new Error(`expected ${text}`);
  }
}
