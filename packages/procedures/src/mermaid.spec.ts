import { describe, expect, it } from 'vitest';
import { explainProcedure } from './explain.js';
import { toMermaid } from './mermaid.js';
import { TEMPLATE_SLUGS, templates } from './templates.js';

describe('toMermaid', () => {
  it('draws tracks, transitions and expiries of seed 003', () => {
    const diagram = toMermaid(templates['bureau-mhr']);
    expect(diagram.startsWith('stateDiagram-v2\n')).toBe(true);
    expect(diagram).toContain('state "Interne behandeling" as track_intern {');
    expect(diagram).toContain('[*] --> melding');
    expect(diagram).toContain('schriftelijke_klacht --> directie : Schriftelijke klacht indienen');
    expect(diagram).toContain('directie --> bestuur : ⏰ Antwoordtermijn directie');
    expect(diagram).toContain('afgehandeld --> [*]');
    expect(diagram).not.toContain('bestuur --> bestuur');
    expect(diagram).toContain(
      'note right of track_intern : In elke fase — Beslissen over ontvankelijkheid',
    );
  });

  it.each(TEMPLATE_SLUGS)('renders %s with only declared states and no hyphenated ids', (slug) => {
    const diagram = toMermaid(templates[slug], 'en');
    const declared = new Set([...diagram.matchAll(/ as (\w+)/g)].map((m) => m[1]));
    for (const [, from, to] of diagram.matchAll(/^\s+(\S+) --> (\S+)/gm)) {
      for (const id of [from, to]) if (id !== '[*]') expect(declared).toContain(id);
    }
    expect(diagram).not.toMatch(/ as [\w]*-/);
  });
});

describe('explainProcedure', () => {
  it('names stages, actions by role and clocks in plain Dutch', () => {
    const text = explainProcedure(templates['bureau-mhr'], 'nl');
    expect(text).toContain('# Klachtenprocedure Bureau MHR (versie 1)');
    expect(text).toContain(
      '- Cliënt of diens vertegenwoordiger — binnen 3 maanden na de gebeurtenis',
    );
    expect(text).toContain('### Bij de directie');
    expect(text).toContain('- directie/bestuur: ');
    expect(text).toContain(
      'Antwoordtermijn directie: 2 weken; herinnering 2 werkdagen vooraf; bij verstrijken: naar "Bij het bestuur", start termijn "Antwoordtermijn bestuur"',
    );
  });

  it('and in English, with the extension rule', () => {
    const text = explainProcedure(templates.wkkgz, 'en');
    expect(text).toContain('Legal regime: Wkkgz');
    expect(text).toContain(
      'Decision term (Wkkgz): 6 weeks; never ends on a weekend day or holiday; reminders 2 weeks and 1 week before; can be extended once by at most 4 weeks with notice to client before the due date; further only with the client’s consent',
    );
  });
});
