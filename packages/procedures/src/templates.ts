import awb9 from '../templates/awb9.json' with { type: 'json' };
import bureauMhr from '../templates/bureau-mhr.json' with { type: 'json' };
import jeugdwet from '../templates/jeugdwet.json' with { type: 'json' };
import kleineOntmoeting from '../templates/kleine-ontmoeting.json' with { type: 'json' };
import mo from '../templates/mo.json' with { type: 'json' };
import ondersteuningsteam from '../templates/ondersteuningsteam.json' with { type: 'json' };
import veiligThuis from '../templates/veilig-thuis.json' with { type: 'json' };
import wkkgz from '../templates/wkkgz.json' with { type: 'json' };
import type { ProcedureDefinition } from './definition.schema.js';
import { parseProcedure } from './validate.js';

/** Slugs of the shipped templates: the five seed procedures and three plain legal ones (Wkkgz, Awb 9, Jeugdwet). */
export const TEMPLATE_SLUGS = [
  'mo',
  'veilig-thuis',
  'kleine-ontmoeting',
  'bureau-mhr',
  'ondersteuningsteam',
  'wkkgz',
  'awb9',
  'jeugdwet',
] as const;
export type TemplateSlug = (typeof TEMPLATE_SLUGS)[number];

// JSON imports (not fs) so the package also works in a browser bundle.
const RAW: Record<TemplateSlug, unknown> = {
  mo,
  'veilig-thuis': veiligThuis,
  'kleine-ontmoeting': kleineOntmoeting,
  'bureau-mhr': bureauMhr,
  ondersteuningsteam,
  wkkgz,
  awb9,
  jeugdwet,
};

/**
 * The templates, parsed and validated once at module load; a template that does not validate is a
 * bug in this package and fails loudly here.
 */
export const templates: Readonly<Record<TemplateSlug, ProcedureDefinition>> = Object.freeze(
  Object.fromEntries(TEMPLATE_SLUGS.map((slug) => [slug, parseProcedure(RAW[slug])])) as Record<
    TemplateSlug,
    ProcedureDefinition
  >,
);

/** True when `slug` names a shipped template. */
export function isTemplateSlug(slug: string): slug is TemplateSlug {
  return (TEMPLATE_SLUGS as readonly string[]).includes(slug);
}

/**
 * A shipped template by slug, parsed (defaults filled in).
 * @throws Error for an unknown slug
 */
export function loadTemplate(slug: string): ProcedureDefinition {
  if (!isTemplateSlug(slug)) {
    throw new Error(`Unknown template "${slug}". Templates: ${TEMPLATE_SLUGS.join(', ')}.`);
  }
  return templates[slug];
}

/** The template as authored (the JSON file's content), e.g. to copy into a new procedure. */
export function templateSource(slug: TemplateSlug): unknown {
  return structuredClone(RAW[slug]);
}
