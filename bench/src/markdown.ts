/** Markdown helpers shared by every section of BENCHMARKS.md. */

/** A number in en-US grouping with a fixed number of decimals. */
export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** A Markdown table. */
export function table(head: string[], rows: (string | number)[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** The `## ` sections of a Markdown document, keyed by heading line, in order. */
function sections(md: string): Map<string, string> {
  const out = new Map<string, string>();
  const parts = md.split(/^(?=## )/m);
  for (const part of parts.slice(1)) out.set(part.slice(0, part.indexOf('\n')).trimEnd(), part);
  return out;
}

/**
 * `generated` followed by every `## ` section of `previous` that `generated` does not have
 * (by heading), in their order: a section written by another script survives a `pnpm bench`.
 */
export function keepForeignSections(generated: string, previous: string): string {
  const mine = sections(generated);
  const kept = [...sections(previous)].filter(([heading]) => !mine.has(heading));
  if (kept.length === 0) return generated;
  return `${generated.trimEnd()}\n\n${kept.map(([, body]) => body.trimEnd()).join('\n\n')}\n`;
}
