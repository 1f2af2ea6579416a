import { LF, RefusedInput, positionAt, where, type InputLimits } from './refused-input.js';

const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
const SEMICOLON = 0x3b;
const SLASH = 0x2f;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const PERCENT = 0x25;
const HASH = 0x23;
const BANG = 0x21;
const QUESTION = 0x3f;

/** Longer names are not entity references we declared; stop looking for the `;` there. */
const LONGEST_ENTITY_NAME = 256;
/** An element name shown in a message is cut here. */
const LONGEST_ELEMENT_NAME = 256;

/**
 * RDF/XML, checked in one pass before Oxigraph sees it:
 * - element nesting past MAX_XML_DEPTH (Oxigraph's RDF/XML parser costs more per element the deeper it is: a single
 *   path of 20,000 levels took 2.4 s, and 400,000 elements under 256 levels 9× what they take at the top);
 * - entities: Oxigraph expands internal entities without a bound (one 50,000-character entity referenced 50,000
 *   times made it panic after 7.5 s), so the expanded size of every reference is added up from the declarations and
 *   refused past MAX_XML_ENTITY_EXPANSION. Only flat internal entities are accepted at all: a value may not refer to
 *   another entity, and external (SYSTEM/PUBLIC) or parameter entities are refused. Real catalogs use entities only
 *   as IRI shorthands;
 * - the document as a whole, which Oxigraph does not check: it returned the triples it had read when a document
 *   simply stopped (a catalogue cut off in transit parsed as a smaller valid one), and let a second root element,
 *   text after the root, or a NUL character (not XML) pass. A document with no element at all is left to the parser.
 */
export function checkXml(bytes: Uint8Array, limits: Pick<InputLimits, 'xmlDepth' | 'xmlEntityExpansion'>): void {
  new XmlScan(bytes, limits).run();
}

class XmlScan {
  private i = 0;
  private line = 1;
  private lineStart = 0;
  private depth = 0;
  private expanded = 0;
  /** The root element's name once its start tag is read, and whether its end tag has been. */
  private root: string | undefined;
  private rootClosed = false;
  /** Declared internal entities: name → bytes of its value. */
  private readonly entities = new Map<string, number>();

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: Pick<InputLimits, 'xmlDepth' | 'xmlEntityExpansion'>,
  ) {}

  run(): void {
    const { bytes } = this;
    const n = bytes.length;
    const nul = bytes.indexOf(0);
    if (nul >= 0) this.refuseDocument('An XML document may not contain a NUL character (U+0000)', nul);
    while (this.i < n) {
      // Text between markup, in a tight loop: most of a document.
      const textStart = this.i;
      let { i, line, lineStart } = this;
      for (; i < n; i++) {
        const b = bytes[i]!;
        if (b === LT || b === AMP) break;
        if (b === LF) {
          line++;
          lineStart = i + 1;
        }
      }
      this.i = i;
      this.line = line;
      this.lineStart = lineStart;
      if (this.rootClosed) this.onlySpaceAfterRoot(textStart, i);
      if (i >= n) break;
      if (bytes[i] === LT) this.markup();
      else this.reference();
    }
    if (this.root !== undefined && !this.rootClosed) {
      this.refuseDocument(`The RDF/XML document ends before its root element <${this.root}> is closed: it looks cut off`, Math.max(0, n - 1));
    }
  }

  private onlySpaceAfterRoot(from: number, to: number): void {
    for (let k = from; k < to; k++) {
      const b = this.bytes[k]!;
      if (b !== 0x20 && b !== 0x09 && b !== LF && b !== 0x0d) this.refuseDocument(`The RDF/XML document has content after its root element <${this.root}>; a document has one root`, k);
    }
  }

  /** A document we do not accept as a whole (400, no limit): where is counted afresh, as this happens once. */
  private refuseDocument(message: string, offset: number): never {
    let line = 1;
    let lineStart = 0;
    for (let k = 0; k < offset; k++) {
      if (this.bytes[k] === LF) {
        line++;
        lineStart = k + 1;
      }
    }
    const position = positionAt(this.bytes, offset, line, lineStart);
    throw new RefusedInput(`${message}${where(position)}`, 400, undefined, position);
  }

  /** One byte forward, keeping the line count. */
  private step(): void {
    if (this.bytes[this.i] === LF) {
      this.line++;
      this.lineStart = this.i + 1;
    }
    this.i++;
  }

  private at(text: string): boolean {
    for (let k = 0; k < text.length; k++) if (this.bytes[this.i + k] !== text.charCodeAt(k)) return false;
    return true;
  }

  /** Forward past the next `end` (or to the end of the document). */
  private skipPast(end: string): void {
    while (this.i < this.bytes.length && !this.at(end)) this.step();
    this.i = Math.min(this.bytes.length, this.i + end.length);
  }

  /**
   * Forward past the `>` that ends a tag or declaration, skipping quoted values (which may hold `>`); entity references
   * in attribute values count when `countReferences`. Answers the byte before the `>` (a `/` ends an empty element).
   */
  private skipTag(countReferences: boolean): number {
    const { bytes } = this;
    const n = bytes.length;
    const references = countReferences && this.entities.size > 0;
    let last = 0;
    let { i, line, lineStart } = this;
    let quote = 0;
    for (; i < n; i++) {
      const b = bytes[i]!;
      if (b === LF) {
        line++;
        lineStart = i + 1;
      } else if (quote !== 0) {
        if (b === quote) quote = 0;
        else if (b === AMP && references) {
          this.i = i;
          this.line = line;
          this.lineStart = lineStart;
          this.reference();
          i = this.i - 1;
        }
      } else if (b === QUOTE || b === APOSTROPHE) {
        quote = b;
      } else if (b === GT) {
        this.i = i + 1;
        this.line = line;
        this.lineStart = lineStart;
        return last;
      }
      last = b;
    }
    this.i = i;
    this.line = line;
    this.lineStart = lineStart;
    return last;
  }

  private markup(): void {
    const next = this.bytes[this.i + 1];
    if (next === BANG) {
      if (this.at('<!--')) return this.skipPast('-->');
      if (this.at('<![CDATA[')) return this.skipPast(']]>');
      if (this.at('<!DOCTYPE')) return this.doctype();
      // Any other declaration is not an element; the parser judges it.
      this.skipTag(false);
      return;
    }
    if (next === QUESTION) return this.skipPast('?>');
    if (next === SLASH) {
      if (this.depth > 0) this.depth--;
      if (this.depth === 0 && this.root !== undefined) this.rootClosed = true;
      this.skipTag(false);
      return;
    }
    const start = this.i;
    const startLine = this.line;
    const startLineStart = this.lineStart;
    if (this.depth === 0) {
      if (this.rootClosed) this.refuseDocument(`The RDF/XML document has content after its root element <${this.root}>; a document has one root`, start);
      this.root = this.elementName(start);
    }
    const last = this.skipTag(true);
    if (last === SLASH) {
      if (this.depth === 0) this.rootClosed = true;
      return;
    }
    if (++this.depth > this.limits.xmlDepth) {
      const position = positionAt(this.bytes, start, startLine, startLineStart);
      throw new RefusedInput(
        `The RDF/XML document nests elements deeper than MAX_XML_DEPTH = ${this.limits.xmlDepth}${where(position)}`,
        400,
        { name: 'MAX_XML_DEPTH', value: this.limits.xmlDepth },
        position,
      );
    }
  }

  /** The name of the element whose start tag begins at `start` (for messages). */
  private elementName(start: number): string {
    let end = start + 1;
    while (end < this.bytes.length && end - start < LONGEST_ELEMENT_NAME) {
      const b = this.bytes[end]!;
      if (b === GT || b === SLASH || b === 0x20 || b === 0x09 || b === LF || b === 0x0d) break;
      end++;
    }
    return new TextDecoder().decode(this.bytes.subarray(start + 1, end));
  }

  /** `&name;`: a declared entity adds its value's size to the expansion; character and predefined ones add nothing. */
  private reference(): void {
    const start = this.i;
    const line = this.line;
    const lineStart = this.lineStart;
    this.i++;
    if (this.entities.size === 0 || this.bytes[this.i] === HASH) return;
    let end = this.i;
    while (end < this.bytes.length && end - this.i < LONGEST_ENTITY_NAME && this.bytes[end] !== SEMICOLON && this.bytes[end] !== AMP && this.bytes[end] !== LT && this.bytes[end] !== LF) end++;
    if (this.bytes[end] !== SEMICOLON) return;
    const size = this.entities.get(new TextDecoder().decode(this.bytes.subarray(this.i, end)));
    this.i = end + 1;
    if (size === undefined) return;
    this.expanded += size;
    if (this.expanded > this.limits.xmlEntityExpansion) {
      const position = positionAt(this.bytes, start, line, lineStart);
      throw new RefusedInput(
        `The RDF/XML document's entity references expand to more than MAX_XML_ENTITY_EXPANSION = ${this.limits.xmlEntityExpansion} bytes${where(position)}`,
        413,
        { name: 'MAX_XML_ENTITY_EXPANSION', value: this.limits.xmlEntityExpansion },
        position,
      );
    }
  }

  /** `<!DOCTYPE name [ … ]>`: reads the entity declarations of the internal subset; anything external is refused. */
  private doctype(): void {
    this.i += '<!DOCTYPE'.length;
    while (this.i < this.bytes.length && this.bytes[this.i] !== OPEN_BRACKET && this.bytes[this.i] !== GT) {
      const b = this.bytes[this.i];
      if (b === QUOTE || b === APOSTROPHE) this.quoted();
      else this.step();
    }
    if (this.bytes[this.i] === GT) {
      this.i++;
      return;
    }
    this.i++;
    while (this.i < this.bytes.length && this.bytes[this.i] !== CLOSE_BRACKET) {
      if (this.at('<!ENTITY')) this.entityDeclaration();
      else if (this.at('<!--')) this.skipPast('-->');
      else if (this.at('<?')) this.skipPast('?>');
      else if (this.at('<!')) this.skipTag(false);
      else if (this.bytes[this.i] === PERCENT) throw this.refused('RDF/XML parameter entity references are not accepted');
      else this.step();
    }
    this.skipTag(false);
  }

  private entityDeclaration(): void {
    const line = this.line;
    this.i += '<!ENTITY'.length;
    this.spaces();
    if (this.bytes[this.i] === PERCENT) {
      this.i++;
      this.spaces();
      throw this.refused(`RDF/XML parameter entity "${this.name()}" is not accepted`, line);
    }
    const name = this.name();
    this.spaces();
    if (this.at('SYSTEM') || this.at('PUBLIC')) {
      throw this.refused(`RDF/XML external entity "${name}" is not accepted: the server never fetches what a document points to`, line);
    }
    const value = this.quoted();
    if (value.includes(AMP) || value.includes(PERCENT)) {
      throw this.refused(`RDF/XML entity "${name}" refers to another entity; nested entities are not accepted`, line);
    }
    // The first declaration of a name is the one that counts (XML 1.0, 4.2).
    if (!this.entities.has(name)) this.entities.set(name, value.length);
    this.skipTag(false);
  }

  private spaces(): void {
    while (this.i < this.bytes.length && (this.bytes[this.i] === 0x20 || this.bytes[this.i] === 0x09 || this.bytes[this.i] === LF || this.bytes[this.i] === 0x0d)) this.step();
  }

  private name(): string {
    const start = this.i;
    while (this.i < this.bytes.length && !/[\s"'>%&]/.test(String.fromCharCode(this.bytes[this.i]!))) this.i++;
    return new TextDecoder().decode(this.bytes.subarray(start, this.i));
  }

  /** A quoted value (its bytes, without quotes); empty when there is no quote here. */
  private quoted(): Uint8Array {
    const quote = this.bytes[this.i];
    if (quote !== QUOTE && quote !== APOSTROPHE) return new Uint8Array();
    this.step();
    const start = this.i;
    while (this.i < this.bytes.length && this.bytes[this.i] !== quote) this.step();
    const value = this.bytes.subarray(start, this.i);
    this.step();
    return value;
  }

  private refused(message: string, line = this.line): RefusedInput {
    return new RefusedInput(`${message} (line ${line})`, 400, undefined, { line });
  }
}
