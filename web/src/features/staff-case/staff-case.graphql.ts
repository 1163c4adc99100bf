import { graphql, type ResultOf } from '../../shared/graphql/graphql';
import { CaseDetailFragment } from '../case/case.graphql';

/**
 * One case as staff work on it: everything the portal's case page shows, plus what only staff
 * see (client, subjects, handlers, flags, internal items, referrals, owners and proof), and the
 * organisation's people so every id on the page reads as a name.
 */
export const StaffCaseFragment = graphql(
  `
    fragment StaffCase on Case {
      ...CaseDetail
      category
      clientId
      handlerIds
      subjectIds
      flags
      readOnly
      messages {
        id
        visibility
        addresseeId
      }
      timeline {
        sequence
        visibility
        bySystem
      }
      documents {
        id
        visibility
        scanStatus
        consentToExtension
        consentGivenOn
      }
      consentsAwaited {
        extension
        clockLabel {
          nl
          en
        }
        since
        until
      }
      pendingNotices {
        kind
        clock
        clockLabel {
          nl
          en
        }
        extension
        reason
        sendBefore
        newDue
        awaitsConsent
        owedTo {
          role
          personId
          name
        }
      }
      measures {
        id
        owner
        proof
        parts
      }
      meetings {
        id
        minutes {
          id
          finalAt
        }
      }
      referrals {
        id
        active
        commissionId
        commission {
          id
          name
        }
        referredAt
        endsAt
        endedAt
        endReason
      }
    }
  `,
  [CaseDetailFragment],
);

/**
 * gql.tada types a list two fragments select as `A[] & B[]`, whose methods (`map`, `filter`) see
 * only `A`. The response merges both selections into each item, so read every list as `(A & B)[]`.
 */
type MergedLists<T> = {
  [K in keyof T]: T[K] extends readonly unknown[] ? T[K][number][] : T[K];
};

export type StaffCase = MergedLists<ResultOf<typeof StaffCaseFragment>>;

/** The case as the staff page reads it: the same object, its lists typed as merged. */
export function asStaffCase(kase: ResultOf<typeof StaffCaseFragment>): StaffCase {
  return kase as StaffCase;
}
export type StaffMeeting = StaffCase['meetings'][number];

export const StaffCaseQuery = graphql(
  `
    query StaffCase($id: ID!, $language: Language!) {
      case(id: $id) {
        ...StaffCase
      }
      members {
        userId
        displayName
        roles
      }
    }
  `,
  [StaffCaseFragment],
);

export type Person = ResultOf<typeof StaffCaseQuery>['members'][number];

export const PostNoteMutation = graphql(`
  mutation PostStaffMessage($input: PostMessageInput!) {
    postMessage(input: $input) {
      id
      authorId
      onBehalfOfId
      addresseeId
      body
      postedAt
      documentIds
      visibility
    }
  }
`);

export const ScheduleMeetingMutation = graphql(`
  mutation ScheduleMeeting($input: ScheduleMeetingInput!) {
    scheduleMeeting(input: $input) {
      id
      kind
      startsAt
      location
      participantIds
      presentIds
    }
  }
`);

export const RecordAttendanceMutation = graphql(`
  mutation RecordAttendance($input: RecordAttendanceInput!) {
    recordAttendance(input: $input) {
      __typename
      ... on Meeting {
        id
        presentIds
      }
      ... on MeetingRefused {
        code
        message
      }
    }
  }
`);

export const RecordMinutesMutation = graphql(`
  mutation RecordMinutes($input: RecordMinutesInput!) {
    recordMinutes(input: $input) {
      __typename
      ... on Minutes {
        id
        text
        final
        finalAt
        recordedAt
        awaitingSignatureIds
        signatures {
          signerId
          signedAt
          dissent
        }
      }
      ... on MeetingRefused {
        code
        message
      }
    }
  }
`);

export const GenerateLetterMutation = graphql(`
  mutation GenerateLetter($input: GenerateLetterInput!) {
    generateLetter(input: $input) {
      __typename
      ... on LetterGenerated {
        document {
          id
          name
          kind
          letterKind
          mediaType
          size
          createdAt
          sentAt
          downloadPath
          visibility
        }
      }
      ... on LetterRefused {
        code
        message
      }
    }
  }
`);

export const SendLetterMutation = graphql(`
  mutation SendLetter($documentId: ID!) {
    sendLetter(documentId: $documentId) {
      id
      sentAt
      visibility
    }
  }
`);

/** Staff take an upload as the client's written consent to the extension waiting for it (ADR 0099). */
export const MarkConsentDocumentMutation = graphql(`
  mutation MarkConsentDocument($documentId: ID!) {
    markConsentDocument(documentId: $documentId) {
      id
      consentToExtension
      consentGivenOn
    }
  }
`);

export const CompleteMeasureMutation = graphql(`
  mutation CompleteMeasure($input: CompleteMeasureInput!) {
    completeMeasure(input: $input) {
      __typename
      ... on Measure {
        id
        status
        completedOn
        proof
      }
      ... on MeasureRefused {
        code
        message
      }
    }
  }
`);

/** Staff record whom the complaint is about (ADR 0097); the answer refreshes the case page. */
export const NameComplaintSubjectMutation = graphql(`
  mutation NameComplaintSubject($caseId: ID!, $subjectId: ID!) {
    nameComplaintSubject(caseId: $caseId, subjectId: $subjectId) {
      id
      version
      subjectIds
    }
  }
`);
