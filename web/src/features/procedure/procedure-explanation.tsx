import { explanationBlocks } from './explanation-text';

/** The procedure in plain words, under the page's own heading (its `#` becomes an h2). */
export function ProcedureExplanation({ markdown, id }: { markdown: string; id?: string }) {
  const blocks = explanationBlocks(markdown);
  return (
    <section id={id} className="procedure-explanation">
      {blocks.map((block, index) => {
        const key = `${index}`;
        switch (block.kind) {
          case 'heading': {
            const Heading = (['h2', 'h3', 'h4'] as const)[block.level - 1]!;
            return <Heading key={key}>{block.text}</Heading>;
          }
          case 'list':
            return (
              <ul key={key}>
                {block.items.map((item, i) => (
                  <li key={`${i}`}>{item}</li>
                ))}
              </ul>
            );
          case 'paragraph':
            return <p key={key}>{block.text}</p>;
        }
      })}
    </section>
  );
}
