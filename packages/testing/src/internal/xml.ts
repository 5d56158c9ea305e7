/**
 * `_format=xml` responses (spec §1.1): a `<result>` root whose top-level children are all
 * `<entry>` (keys dropped, order kept); nested objects keep named elements; list items are
 * `<entry>`; strings are CDATA. Lossy by design, as the real API's XML is.
 */

export function toXml(value: Record<string, unknown>): string {
  let out = '<?xml version="1.0" encoding="UTF-8"?>\n<result>';
  for (const item of Object.values(value)) out += element('entry', item);
  return `${out}</result>`;
}

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) {
    return `<${name}>${value.map((item) => element('entry', item)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    let inner = '';
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      inner += element(xmlName(key), child);
    }
    return `<${name}>${inner}</${name}>`;
  }
  if (typeof value === 'string') return `<${name}>${cdata(value)}</${name}>`;
  return `<${name}>${String(value)}</${name}>`;
}

function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

function xmlName(key: string): string {
  return /^[A-Za-z_][\w.-]*$/.test(key) ? key : 'entry';
}
