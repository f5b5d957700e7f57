/** A growable set of line numbers, one bit each: a million lines cost 125 kB. */
export class LineSet {
  #words = new Uint32Array(1024);
  #size = 0;

  add(line: number): void {
    const word = line >>> 5;
    if (word >= this.#words.length) {
      const grown = new Uint32Array(Math.max(this.#words.length * 2, word + 1));
      grown.set(this.#words);
      this.#words = grown;
    }
    const bit = 1 << (line & 31);
    const current = this.#words[word] ?? 0;
    if ((current & bit) === 0) this.#size++;
    this.#words[word] = current | bit;
  }

  has(line: number): boolean {
    const word = line >>> 5;
    return word < this.#words.length && ((this.#words[word] as number) & (1 << (line & 31))) !== 0;
  }

  get size(): number {
    return this.#size;
  }
}
