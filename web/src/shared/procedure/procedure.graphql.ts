import { graphql } from '../graphql/graphql';

/** The organisation's current procedure, its texts in the reader's language. */
export const ProcedureQuery = graphql(`
  query Procedure($language: Language!) {
    procedure(language: $language) {
      id
      version
      label {
        nl
        en
      }
      definition
    }
  }
`);
