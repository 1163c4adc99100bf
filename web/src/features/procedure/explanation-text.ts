/** A block of the engine's explanation (`explainProcedure`): the Markdown subset it writes. */
export type ExplanationBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'paragraph'; text: string };

/**
 * Reads the explanation into blocks: `#`–`###` headings, `- ` list items and plain lines. The
 * text is rendered as text, never as HTML, so nothing in a label can become markup.
 */
export function explanationBlocks(markdown: string): ExplanationBlock[] {
  const blocks: ExplanationBlock[] = [];
  for (const raw of markdown.split('\n')) {
    const line = raw.trimEnd();
    if (line.trim() === '') continue;
    const heading = /^(#{1,3}) (.*)$/.exec(line);
    if (heading) {
      blocks.push({
        kind: 'heading',
        level: heading[1]!.length as 1 | 2 | 3,
        text: heading[2]!,
      });
      continue;
    }
    if (line.startsWith('- ')) {
      const last = blocks.at(-1);
      if (last?.kind === 'list') last.items.push(line.slice(2));
      else blocks.push({ kind: 'list', items: [line.slice(2)] });
      continue;
    }
    blocks.push({ kind: 'paragraph', text: line.trim() });
  }
  return blocks;
}
