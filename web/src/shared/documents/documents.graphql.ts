import { graphql } from '../graphql/graphql';

export const UploadRulesQuery = graphql(`
  query UploadRules {
    documentUploadRules {
      maxBytes
      extensions
    }
  }
`);
