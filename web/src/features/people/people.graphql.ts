import { graphql } from '../../shared/graphql/graphql';

export const CreateClientAccountMutation = graphql(`
  mutation CreateClientAccount($input: CreateClientAccountInput!) {
    createClientAccount(input: $input) {
      member {
        userId
        displayName
      }
      invitation {
        id
        email
        expiresAt
      }
    }
  }
`);
