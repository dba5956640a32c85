/**
 * Line-level access to a document's text. dockerfile-ast ranges are (line, UTF-16 column) pairs, the same
 * unit LSP uses, so slicing by them needs the line starts once per document version.
 */
export class LineIndex {
  /**
   * A typed array: one is made per document version (20,000 lines on every keystroke in a large file), and its
   * contents live outside the JS heap, so the collector neither copies them nor counts them as survivors.
   */
  private readonly starts: Uint32Array;

  constructor(readonly text: string) {
    // Native indexOf when there is no CR (most files) is about ten times faster than the character loop.
    if (!text.includes('\r')) {
      let count = 1;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) count++;
      const starts = new Uint32Array(count);
      let line = 1;
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[line++] = i + 1;
      this.starts = starts;
      return;
    }
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10 /* \n */) {
        starts.push(i + 1);
      } else if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = Uint32Array.from(starts);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  offsetAt(line: number, character: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    const start = this.starts[line] ?? 0;
    const end = this.lineEndOffset(line);
    return Math.min(start + Math.max(character, 0), end);
  }

  /** The (line, UTF-16 column) of an offset, as vscode-languageserver-textdocument computes it. */
  positionAt(offset: number): { line: number; character: number } {
    const target = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((this.starts[mid] ?? 0) <= target) low = mid;
      else high = mid - 1;
    }
    const start = this.starts[low] ?? 0;
    // An offset between a CR and its LF is the end of the line's text (as TextDocument reports it).
    let end = target;
    while (end > start && (this.text.charCodeAt(end - 1) === 13 || this.text.charCodeAt(end - 1) === 10)) end--;
    return { line: low, character: end - start };
  }

  /** The position just after the last character. */
  endPosition(): { line: number; character: number } {
    const last = this.starts.length - 1;
    return { line: last, character: this.lineText(last).length };
  }

  /** Text of a line without its line terminator. */
  lineText(line: number): string {
    const start = this.starts[line];
    if (start === undefined) return '';
    return this.text.slice(start, this.lineEndOffset(line));
  }

  slice(startLine: number, startChar: number, endLine: number, endChar: number): string {
    return this.text.slice(this.offsetAt(startLine, startChar), this.offsetAt(endLine, endChar));
  }

  private lineEndOffset(line: number): number {
    const next = this.starts[line + 1];
    let end = next === undefined ? this.text.length : next;
    if (next !== undefined) {
      end--;
      if (this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
    }
    return end;
  }
}
