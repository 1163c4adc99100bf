import { formatDutch, type Label } from '@klachtpad/procedures';

/** What a notification can be about: a closed list, each with its words in both languages. */
export const NOTIFICATION_KINDS = [
  'complaint-received',
  'complaint-filed',
  'handler-assigned',
  'meeting-invitation',
  'minutes-to-sign',
  'term-extended',
  'case-forwarded',
  'awaiting-you',
  'decision',
  'letter',
  'deadline-reminder',
  'term-overdue',
  'referral-received',
  'procedure-notice',
  // A client's AVG request (ADR 0095): no case, the request's own clock.
  'data-request-received',
  'data-request-due',
  'data-request-overdue',
  'data-request-extended',
  'data-request-answered',
  'erasure-decided',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * What a notification may say, chosen to be what its recipient may see: the case's reference,
 * labels of the procedure (stages, clocks), dates, the procedure's own message. Never the text of
 * a complaint, a message or a note.
 */
export interface NotificationPayload {
  reference?: string;
  stage?: Label;
  clock?: Label;
  /** A due date (YYYY-MM-DD). */
  due?: string;
  /** When a meeting starts (ISO instant). */
  startsAt?: string;
  /** Why a term was extended, as the procedure's extension input recorded it. */
  reason?: string;
  /** The procedure's own words for this moment ("wordt geïnformeerd"). */
  notice?: Label;
  /** For an AVG request: which right it is about (ADR 0095). */
  requestKind?: 'access' | 'erasure';
  /** For an erasure request decided: whether it was granted. */
  granted?: boolean;
}

type Lang = 'nl' | 'en';

const date = (value: string | undefined) => (value ? formatDutch(value) : '');
const moment = (value: string | undefined, lang: Lang) =>
  value
    ? new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
        dateStyle: 'long',
        timeStyle: 'short',
        timeZone: 'Europe/Amsterdam',
      }).format(new Date(value))
    : '';

/** The sentence for one notification, in the recipient's language. */
export function notificationText(
  kind: NotificationKind,
  payload: NotificationPayload,
  lang: Lang,
  options: { forMail?: boolean } = {},
): string {
  // A staff e-mail names the case and the step; what someone typed stays in Klachtpad.
  if (options.forMail && payload.reason) {
    const { reason: _typed, ...named } = payload;
    return notificationText(kind, named, lang);
  }
  const ref = payload.reference ?? '';
  const stage = payload.stage?.[lang] ?? '';
  const clock = payload.clock?.[lang] ?? '';
  const nl = lang === 'nl';
  const main = ((): string => {
    switch (kind) {
      case 'complaint-received':
        return nl
          ? `Uw klacht is ontvangen onder kenmerk ${ref}.`
          : `Your complaint was received under reference ${ref}.`;
      case 'complaint-filed':
        return nl ? `Nieuwe klacht ${ref}.` : `New complaint ${ref}.`;
      case 'handler-assigned':
        return nl ? `U behandelt klacht ${ref}.` : `You are handling complaint ${ref}.`;
      case 'meeting-invitation':
        return nl
          ? `U bent uitgenodigd voor een gesprek op ${moment(payload.startsAt, lang)} (klacht ${ref}).`
          : `You are invited to a meeting on ${moment(payload.startsAt, lang)} (complaint ${ref}).`;
      case 'minutes-to-sign':
        return nl
          ? `Het verslag van een gesprek over klacht ${ref} ligt klaar om te ondertekenen.`
          : `The minutes of a meeting about complaint ${ref} are ready for your signature.`;
      case 'term-extended':
        return nl
          ? `De termijn "${clock}" van klacht ${ref} is verlengd tot ${date(payload.due)}.${payload.reason ? ` Reden: ${payload.reason}` : ''}`
          : `The term "${clock}" of complaint ${ref} was extended to ${date(payload.due)}.${payload.reason ? ` Reason: ${payload.reason}` : ''}`;
      case 'case-forwarded':
        return nl
          ? `Klacht ${ref} is doorgestuurd: ${stage}.`
          : `Complaint ${ref} was forwarded: ${stage}.`;
      case 'awaiting-you':
        return nl
          ? `Klacht ${ref} wacht op u: ${stage}.`
          : `Complaint ${ref} awaits you: ${stage}.`;
      case 'decision':
        return nl
          ? `Er is een besluit genomen over klacht ${ref}.`
          : `A decision was taken on complaint ${ref}.`;
      case 'letter':
        return nl
          ? `Er is een brief voor u over klacht ${ref}.`
          : `There is a letter for you about complaint ${ref}.`;
      case 'deadline-reminder':
        return nl
          ? `Herinnering: de termijn "${clock}" van klacht ${ref} loopt af op ${date(payload.due)}.`
          : `Reminder: the term "${clock}" of complaint ${ref} ends on ${date(payload.due)}.`;
      case 'term-overdue':
        return nl
          ? `De termijn "${clock}" van klacht ${ref} is verstreken (${date(payload.due)}).`
          : `The term "${clock}" of complaint ${ref} has passed (${date(payload.due)}).`;
      case 'referral-received':
        return nl
          ? `Klacht ${ref} is naar uw commissie verwezen.`
          : `Complaint ${ref} was referred to your commission.`;
      case 'procedure-notice':
        return nl ? `Klacht ${ref}:` : `Complaint ${ref}:`;
      case 'data-request-received':
        return payload.requestKind === 'erasure'
          ? nl
            ? `Een cliënt vraagt om verwijdering van gegevens; beslissen uiterlijk ${date(payload.due)}.`
            : `A client asks for erasure of data; decide by ${date(payload.due)}.`
          : nl
            ? `Een cliënt vraagt om inzage in het eigen dossier; beantwoorden uiterlijk ${date(payload.due)}.`
            : `A client asks for access to their own dossier; answer by ${date(payload.due)}.`;
      case 'data-request-due':
        return nl
          ? `Een verzoek van een cliënt (AVG) moet uiterlijk ${date(payload.due)} beantwoord zijn.`
          : `A client's request (GDPR) must be answered by ${date(payload.due)}.`;
      case 'data-request-overdue':
        return nl
          ? `De termijn van een verzoek van een cliënt (AVG) is verstreken (${date(payload.due)}).`
          : `The term of a client's request (GDPR) has passed (${date(payload.due)}).`;
      case 'data-request-extended':
        return nl
          ? `De termijn voor uw verzoek is verlengd tot ${date(payload.due)}.${payload.reason ? ` Reden: ${payload.reason}` : ''}`
          : `The term for your request was extended to ${date(payload.due)}.${payload.reason ? ` Reason: ${payload.reason}` : ''}`;
      case 'data-request-answered':
        return nl
          ? 'Uw verzoek om inzage is beantwoord: u kunt uw gegevens downloaden.'
          : 'Your access request was answered: you can download your data.';
      case 'erasure-decided':
        return payload.granted
          ? nl
            ? 'Op uw verzoek om verwijdering is besloten: het is toegewezen.'
            : 'Your erasure request was decided: it was granted.'
          : nl
            ? 'Op uw verzoek om verwijdering is besloten: het is afgewezen, met redenen.'
            : 'Your erasure request was decided: it was refused, with reasons.';
    }
  })();
  return payload.notice ? `${main} ${payload.notice[lang]}` : main;
}
