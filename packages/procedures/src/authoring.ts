// What a procedure editor needs, for a browser bundle: validation with its findings, the diagram
// and the explanation in words. Kept apart from the package root, which also parses every shipped
// template when it loads; an editor that validates as the director types needs none of them.
export {
  DURATION_UNITS,
  formatDuration,
  type Duration,
  type DurationUnit,
} from './calendar/duration.js';
export {
  REGIMES,
  type ClockDefinition,
  type Label,
  type ProcedureDefinition,
  type Regime,
} from './definition.schema.js';
export { explainProcedure } from './explain.js';
export { toMermaid } from './mermaid.js';
export { REGIME_RULES } from './regime.js';
export {
  FINDING_CODES,
  validateProcedure,
  type Finding,
  type FindingCode,
  type ValidationResult,
} from './validate.js';
