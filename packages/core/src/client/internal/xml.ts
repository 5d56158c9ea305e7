/**
 * A small, tolerant reader for SMS Partner's XML answers (`_format=xml`): a `<result>` root whose
 * children are `<entry>` elements (keys dropped, so values are positional) or named elements.
 * It is not a general XML parser: no namespaces, no DTDs; entities and CDATA are decoded.
 */

/** An element with only `<entry>` children becomes an array; named children an object; text a string. */
export type XmlValue = string | XmlValue[] | { [name: string]: XmlValue };

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, name: string) => {
    if (name[0] === '#') {
      const codePoint =
        name[1] === 'x' || name[1] === 'X'
          ? Number.parseInt(name.slice(2), 16)
          : Number(name.slice(1));
      return Number.isFinite(codePoint) && codePoint <= 0x10ffff
        ? String.fromCodePoint(codePoint)
        : match;
    }
    return ENTITIES[name.toLowerCase()] ?? match;
  });
}

interface Node {
  name: string;
  attributes: Record<string, string>;
  children: Node[];
  text: string;
}

/** Thrown (and turned into a response error by the transport) when the text is not XML. */
export class XmlSyntaxError extends Error {}

function parseTree(xml: string): Node {
  const root: Node = { name: '#document', attributes: {}, children: [], text: '' };
  const stack: Node[] = [root];
  let index = 0;
  while (index < xml.length) {
    const lt = xml.indexOf('<', index);
    const current = stack[stack.length - 1]!;
    if (lt === -1) {
      current.text += decodeEntities(xml.slice(index));
      break;
    }
    if (lt > index) current.text += decodeEntities(xml.slice(index, lt));
    if (xml.startsWith('<![CDATA[', lt)) {
      const end = xml.indexOf(']]>', lt);
      if (end === -1) throw new XmlSyntaxError('unterminated CDATA section');
      current.text += xml.slice(lt + 9, end);
      index = end + 3;
    } else if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt);
      if (end === -1) throw new XmlSyntaxError('unterminated comment');
      index = end + 3;
    } else if (xml.startsWith('<?', lt) || xml.startsWith('<!', lt)) {
      const end = xml.indexOf('>', lt);
      if (end === -1) throw new XmlSyntaxError('unterminated declaration');
      index = end + 1;
    } else if (xml[lt + 1] === '/') {
      const end = xml.indexOf('>', lt);
      if (end === -1) throw new XmlSyntaxError('unterminated closing tag');
      const name = xml.slice(lt + 2, end).trim();
      if (stack.length < 2 || current.name !== name) {
        throw new XmlSyntaxError(`unexpected closing tag </${name}>`);
      }
      stack.pop();
      index = end + 1;
    } else {
      const end = xml.indexOf('>', lt);
      if (end === -1) throw new XmlSyntaxError('unterminated tag');
      let inner = xml.slice(lt + 1, end);
      const selfClosing = inner.endsWith('/');
      if (selfClosing) inner = inner.slice(0, -1);
      const nameMatch = /^([^\s/>]+)/.exec(inner);
      if (!nameMatch) throw new XmlSyntaxError('tag without a name');
      const node: Node = { name: nameMatch[1]!, attributes: {}, children: [], text: '' };
      for (const attribute of inner
        .slice(nameMatch[1]!.length)
        .matchAll(/([^\s=]+)\s*=\s*("([^"]*)"|'([^']*)')/g)) {
        node.attributes[attribute[1]!] = decodeEntities(attribute[3] ?? attribute[4] ?? '');
      }
      current.children.push(node);
      if (!selfClosing) stack.push(node);
      index = end + 1;
    }
  }
  if (stack.length !== 1)
    throw new XmlSyntaxError(`unclosed element <${stack[stack.length - 1]!.name}>`);
  return root;
}

function toValue(node: Node): XmlValue {
  if (node.children.length === 0) return node.text.trim();
  const allEntries = node.children.every(
    (child) => child.name === 'entry' || child.name === 'item',
  );
  // `<entry key="name">` (a keyed list) is read as an object when every entry has a key.
  const keyed = node.children.every((child) => child.attributes.key !== undefined);
  if (allEntries && !keyed) return node.children.map(toValue);
  const object: Record<string, XmlValue> = Object.create(null);
  const repeated = new Set<string>();
  for (const child of node.children) {
    const key = child.attributes.key ?? child.name;
    const value = toValue(child);
    // Repeated named children become a list rather than overwriting each other.
    if (repeated.has(key)) (object[key] as XmlValue[]).push(value);
    else if (Object.hasOwn(object, key)) {
      object[key] = [object[key]!, value];
      repeated.add(key);
    } else object[key] = value;
  }
  return object;
}

/**
 * Parses an XML document and returns the value of its root element (`<result>` usually).
 * @throws {XmlSyntaxError} when the text is not well-formed enough to read.
 */
export function parseXml(xml: string): XmlValue {
  const document = parseTree(xml);
  const root = document.children[0];
  if (!root || document.children.length !== 1)
    throw new XmlSyntaxError('expected exactly one root element');
  return toValue(root);
}

/**
 * Gives positional `<entry>` values their names, in the order the JSON answer uses. Extra values
 * keep their index as key, so nothing is lost.
 */
export function namePositional(value: XmlValue, keys: readonly string[]): Record<string, unknown> {
  if (!Array.isArray(value)) return typeof value === 'string' ? { value } : value;
  const record: Record<string, unknown> = {};
  value.forEach((item, index) => {
    record[keys[index] ?? String(index)] = item;
  });
  return record;
}
