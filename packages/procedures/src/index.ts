// The public API of @klachtpad/procedures. Pure functions; time is always passed in.
export {
  addDuration,
  DURATION_UNITS,
  formatDuration,
  maxCalendarDays,
  nextWorkingDayFrom,
  type Duration,
  type DurationUnit,
} from './calendar/duration.js';
export { dutchHolidays, holidayName, isWorkingDay } from './calendar/holidays.js';
export {
  addDays,
  addMonths,
  amsterdamDate,
  amsterdamMidnight,
  formatDutch,
  isPlainDate,
  type Instant,
  type PlainDate,
} from './calendar/plain-date.js';
export { deriveDue, explainDueDate, type DueStep } from './clock.js';
export {
  CONFIDANT_GRANTS,
  OUTCOMES,
  PARTICIPANTS,
  PROCEDURE_FORMAT,
  ProcedureSchema,
  procedureJsonSchema,
  REGIMES,
  RELATIONSHIP_KINDS,
  ROLES,
  type ActionDefinition,
  type ClockDefinition,
  type ConfidantGrant,
  type Effect,
  type Guard,
  type SimpleGuard,
  type InputDefinition,
  type Label,
  type Outcome,
  type Participant,
  type Permission,
  type ProcedureDefinition,
  type ProcedureInput,
  type Regime,
  type RelationshipKind,
  type Role,
} from './definition.schema.js';
export {
  advanceTime,
  applyAction,
  availableActions,
  endReferral,
  explainClocks,
  fileCase,
  nextWakeUp,
  replay,
  type Advanced,
  type AvailableAction,
} from './engine.js';
export { examplePayload } from './examples.js';
export { explainClock, explainProcedure } from './explain.js';
export { toMermaid } from './mermaid.js';
export { REGIME_RULES, type RegimeRules } from './regime.js';
export {
  routesToEveryStage,
  stageRoutes,
  type RouteOptions,
  type RouteStep,
  type StageRoute,
} from './routes.js';
export {
  CASE_FORMAT,
  REFUSAL_CODES,
  type Actor,
  type Applied,
  type ApplyResult,
  type CaseEvent,
  type CaseEventType,
  type CaseState,
  type ClockChange,
  type ClockChangeKind,
  type ClockState,
  type ComplaintPart,
  type Judgment,
  type FileCaseInput,
  type FilingWarning,
  type HistoryEntry,
  type Measure,
  type Refusal,
  type RefusalCode,
  type RefusalReason,
  type Relationship,
  type TrackState,
  type WarningCode,
} from './state.js';
export {
  isTemplateSlug,
  loadTemplate,
  TEMPLATE_SLUGS,
  templates,
  templateSource,
  type TemplateSlug,
} from './templates.js';
export {
  FINDING_CODES,
  parseProcedure,
  ProcedureInvalidError,
  validateProcedure,
  type Finding,
  type FindingCode,
  type ValidationResult,
} from './validate.js';
