import { graphql, type ResultOf } from '../../shared/graphql/graphql';

export const SafeContactFragment = graphql(`
  fragment SafeContactFields on SafeContact {
    channel
    email
    emailConfirmed
    quietFrom
    quietTo
    codeWord
  }
`);

export type SafeContact = ResultOf<typeof SafeContactFragment>;

export const MyContactQuery = graphql(
  `
    query MyContact {
      myContactPreferences {
        ...SafeContactFields
      }
    }
  `,
  [SafeContactFragment],
);

export const SetContactMutation = graphql(
  `
    mutation SetContact($input: SetContactPreferencesInput!) {
      setContactPreferences(input: $input) {
        ...SafeContactFields
      }
    }
  `,
  [SafeContactFragment],
);

export const ConfirmSafeEmailMutation = graphql(
  `
    mutation ConfirmSafeEmail($token: String!) {
      confirmSafeEmail(token: $token) {
        ...SafeContactFields
      }
    }
  `,
  [SafeContactFragment],
);
