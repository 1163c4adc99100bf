import { graphql, type ResultOf } from '../../shared/graphql/graphql';

/** The current procedure with its diagram and its explanation, in the reader's language. */
export const ProcedureOverviewQuery = graphql(`
  query ProcedureOverview($language: Language!) {
    procedure(language: $language) {
      id
      procedureId
      version
      regime
      label {
        nl
        en
      }
      definition
      diagram
      explanation
      publishedAt
    }
  }
`);

export type ProcedureOverview = ResultOf<typeof ProcedureOverviewQuery>['procedure'];

/**
 * What the editor starts from: the current version's definition. No language: nothing here is
 * in words, so switching the language does not ask again (and cannot reset a draft).
 */
export const ProcedureDraftQuery = graphql(`
  query ProcedureDraft {
    procedure {
      id
      version
      regime
      definition
    }
  }
`);

export type ProcedureDraftSource = ResultOf<typeof ProcedureDraftQuery>['procedure'];

/** Publishes a new version (director); a regime's refusal comes back with its findings. */
export const PublishProcedureMutation = graphql(`
  mutation PublishProcedure($definition: JSON!) {
    publishProcedure(definition: $definition) {
      __typename
      ... on ProcedurePublished {
        procedure {
          id
          version
          publishedAt
        }
        findings {
          code
          severity
          path
          message
        }
      }
      ... on ProcedureRejected {
        findings {
          code
          severity
          path
          message
        }
      }
    }
  }
`);
