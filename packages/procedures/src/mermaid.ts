import type { Effect, ProcedureDefinition } from './definition.schema.js';

/** Mermaid ids may not contain hyphens; stage ids are kebab-case. */
function node(id: string): string {
  return id.replace(/-/g, '_');
}

function text(value: string): string {
  // Quotes and colons end a Mermaid label early; angle brackets would be read as HTML.
  return value.replace(/["]/g, "'").replace(/[:;]/g, ' ').replace(/[<>]/g, '');
}

function moves(effects: Effect[]): string[] {
  return effects.flatMap((e) => (e.kind === 'move' || e.kind === 'refer' ? [e.to] : []));
}

/**
 * Renders a procedure as a Mermaid `stateDiagram-v2`: one composite state per track, transitions
 * labelled with the action (or "⏰" and the clock for an expiry), final stages leading to [*].
 * "*" actions (e.g. withdraw) are listed as a note rather than drawn from every stage.
 */
export function toMermaid(procedure: ProcedureDefinition, lang: 'nl' | 'en' = 'nl'): string {
  const lines = ['stateDiagram-v2', `  %% ${text(procedure.label[lang])} (v${procedure.version})`];
  const entryStages = new Set(procedure.filing.entries.flatMap((e) => e.enter));
  const nonFinal = procedure.tracks.flatMap((t) =>
    t.stages.filter((s) => !s.final).map((s) => s.id),
  );
  for (const track of procedure.tracks) {
    lines.push(`  state "${text(track.label[lang])}" as track_${node(track.id)} {`);
    for (const stage of track.stages) {
      lines.push(`    state "${text(stage.label[lang])}" as ${node(stage.id)}`);
    }
    for (const stage of track.stages) {
      if (entryStages.has(stage.id)) lines.push(`    [*] --> ${node(stage.id)}`);
      if (stage.final) lines.push(`    ${node(stage.id)} --> [*]`);
    }
    lines.push('  }');
  }
  const seen = new Set<string>();
  const transition = (from: string, to: string, label: string): void => {
    const line = `  ${node(from)} --> ${node(to)} : ${text(label)}`;
    if (seen.has(line)) return;
    seen.add(line);
    lines.push(line);
  };
  const everywhere: string[] = [];
  for (const action of procedure.actions) {
    if (action.from.includes('*')) {
      everywhere.push(action.label[lang]);
      for (const to of moves(action.effects)) {
        for (const from of nonFinal) if (from !== to) transition(from, to, action.label[lang]);
      }
      continue;
    }
    for (const from of action.from) {
      for (const to of moves(action.effects)) transition(from, to, action.label[lang]);
    }
  }
  for (const clock of procedure.clocks) {
    const targets = moves(clock.onExpiry);
    if (targets.length === 0) continue;
    const from = procedure.actions
      .filter((a) => a.effects.some((e) => e.kind === 'start-clock' && e.clock === clock.id))
      .flatMap((a) => {
        const moved = moves(a.effects);
        return moved.length > 0 ? moved : a.from;
      });
    const entries = procedure.filing.entries
      .filter((e) => e.startClocks.includes(clock.id))
      .flatMap((e) => e.enter);
    for (const stage of [...from, ...entries]) {
      // A conditional starter can lead into the target itself; a self-loop would be misleading.
      for (const to of targets) if (to !== stage) transition(stage, to, `⏰ ${clock.label[lang]}`);
    }
  }
  if (everywhere.length > 0) {
    lines.push(
      `  note right of track_${node(procedure.tracks[0]?.id ?? '')} : ${text(
        (lang === 'nl' ? 'In elke fase — ' : 'In every stage — ') + everywhere.join(', '),
      )}`,
    );
  }
  return `${lines.join('\n')}\n`;
}
