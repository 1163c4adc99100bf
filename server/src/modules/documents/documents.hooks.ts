import { onHook } from '../../core/hooks.js';
import { CASE_ACTION_INPUTS } from '../cases/case-transition.js';
import { requireDocumentInputs } from './document.service.js';

/** Documents named as inputs of a procedure action are checked here, not by the case service. */
export const DOCUMENT_HOOKS = [
  onHook(CASE_ACTION_INPUTS, 'documents', { veto: requireDocumentInputs }),
];
