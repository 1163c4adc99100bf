import { onHook } from '../../core/hooks.js';
import { CASE_FACTS } from '../cases/case-facts.js';
import { CASE_ACTION_INPUTS } from '../cases/case-transition.js';
import { consentFacts } from './consent-documents.js';
import { requireDocumentInputs } from './document.service.js';

/**
 * Documents named as inputs of a procedure action are checked here, not by the case service; the
 * documents marked as the client's written consent are facts for the engine (ADR 0099).
 */
export const DOCUMENT_HOOKS = [
  onHook(CASE_ACTION_INPUTS, 'documents', { veto: requireDocumentInputs }),
  onHook(CASE_FACTS, 'consent-documents', { effect: consentFacts }),
];
