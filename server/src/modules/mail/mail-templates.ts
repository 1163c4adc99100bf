/**
 * The e-mails Klachtpad sends, in Dutch and English, as text and HTML (ADR 0053). Every value is
 * escaped into the HTML; nothing a person typed reaches a client's mail. A client hears only
 * that there is news, with a link to the portal and their code word; staff get the case reference
 * and the step, never the complaint's text.
 */
export type MailLanguage = 'nl' | 'en';

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export type MailTemplate =
  | { template: 'client-news'; portalUrl: string; codeWord: string | null }
  | { template: 'staff-update'; portalUrl: string; lines: readonly string[] }
  | { template: 'confirm-safe-address'; confirmUrl: string; codeWord: string | null }
  | { template: 'invitation'; acceptUrl: string; days: number }
  | { template: 'password-reset'; resetUrl: string; minutes: number };

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

interface Parts {
  subject: string;
  paragraphs: readonly string[];
  link: { url: string; label: string };
  codeWord: string | null;
  codeWordLabel: string;
  footer: string;
}

function assemble(parts: Parts): RenderedMail {
  const code = parts.codeWord ? `${parts.codeWordLabel}: ${parts.codeWord}` : undefined;
  const text = [
    ...(code ? [code, ''] : []),
    ...parts.paragraphs.flatMap((p) => [p, '']),
    `${parts.link.label}: ${parts.link.url}`,
    '',
    parts.footer,
  ].join('\n');
  const html = [
    '<!doctype html><html><body style="font-family:sans-serif;line-height:1.5">',
    ...(code ? [`<p><strong>${escapeHtml(code)}</strong></p>`] : []),
    ...parts.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    `<p><a href="${escapeHtml(parts.link.url)}">${escapeHtml(parts.link.label)}</a></p>`,
    `<p style="color:#555;font-size:small">${escapeHtml(parts.footer)}</p>`,
    '</body></html>',
  ].join('');
  return { subject: parts.subject, text, html };
}

/** Renders one mail in the recipient's language. */
export function renderMail(mail: MailTemplate, lang: MailLanguage): RenderedMail {
  const nl = lang === 'nl';
  const codeWordLabel = nl ? 'Uw codewoord' : 'Your code word';
  const footer = nl
    ? 'Dit bericht is automatisch verstuurd door Klachtpad. Antwoorden op dit bericht worden niet gelezen.'
    : 'This message was sent automatically by Klachtpad. Replies to it are not read.';
  switch (mail.template) {
    case 'client-news':
      return assemble({
        subject: nl ? 'Er is nieuws over uw klacht' : 'There is news about your complaint',
        paragraphs: [
          nl
            ? 'Er is nieuws over uw klacht. Log in op Klachtpad om te lezen wat er is gebeurd.'
            : 'There is news about your complaint. Sign in to Klachtpad to read what happened.',
        ],
        link: { url: mail.portalUrl, label: nl ? 'Naar Klachtpad' : 'Open Klachtpad' },
        codeWord: mail.codeWord,
        codeWordLabel,
        footer,
      });
    case 'staff-update':
      return assemble({
        subject: nl ? 'Klachtpad: nieuws over een klacht' : 'Klachtpad: news about a complaint',
        paragraphs: mail.lines,
        link: { url: mail.portalUrl, label: nl ? 'Naar Klachtpad' : 'Open Klachtpad' },
        codeWord: null,
        codeWordLabel,
        footer,
      });
    case 'confirm-safe-address':
      return assemble({
        subject: nl
          ? 'Bevestig uw e-mailadres voor Klachtpad'
          : 'Confirm your e-mail address for Klachtpad',
        paragraphs: [
          nl
            ? 'U heeft gevraagd om berichten over uw klacht op dit adres te ontvangen. Bevestig dat dit adres veilig is voor u; pas daarna sturen wij hier berichten heen.'
            : 'You asked to receive messages about your complaint at this address. Confirm that this address is safe for you; only then will we send messages here.',
          nl
            ? 'Heeft u dit niet gevraagd? Dan hoeft u niets te doen.'
            : 'Did you not ask for this? Then you need not do anything.',
        ],
        link: { url: mail.confirmUrl, label: nl ? 'Adres bevestigen' : 'Confirm address' },
        codeWord: mail.codeWord,
        codeWordLabel,
        footer,
      });
    case 'invitation':
      // The organisation is not named: the address may be read by someone the invitee does not
      // want to know where they seek help. The page behind the link names it.
      return assemble({
        subject: nl ? 'Uitnodiging voor Klachtpad' : 'Invitation to Klachtpad',
        paragraphs: [
          nl
            ? 'U bent uitgenodigd om Klachtpad te gebruiken. Via de link ziet u door wie, en kiest u een wachtwoord (of gebruikt u uw bestaande account).'
            : 'You have been invited to use Klachtpad. The link shows by whom, and lets you choose a password (or use your existing account).',
          nl
            ? `De link werkt één keer, ${mail.days} dagen lang. Verwachtte u dit niet? Dan hoeft u niets te doen.`
            : `The link works once, for ${mail.days} days. Did you not expect this? Then you need not do anything.`,
        ],
        link: { url: mail.acceptUrl, label: nl ? 'Uitnodiging bekijken' : 'View invitation' },
        codeWord: null,
        codeWordLabel,
        footer,
      });
    case 'password-reset':
      return assemble({
        subject: nl ? 'Nieuw wachtwoord voor Klachtpad' : 'New password for Klachtpad',
        paragraphs: [
          nl
            ? `Er is gevraagd om een nieuw wachtwoord voor uw Klachtpad-account. De link werkt één keer, ${mail.minutes} minuten lang. Daarna bent u op elk apparaat afgemeld.`
            : `A new password was asked for your Klachtpad account. The link works once, for ${mail.minutes} minutes. Afterwards you are signed out on every device.`,
          nl
            ? 'Heeft u dit niet gevraagd? Dan hoeft u niets te doen: uw wachtwoord blijft zoals het is.'
            : 'Did you not ask for this? Then you need not do anything: your password stays as it is.',
        ],
        link: {
          url: mail.resetUrl,
          label: nl ? 'Nieuw wachtwoord kiezen' : 'Choose a new password',
        },
        codeWord: null,
        codeWordLabel,
        footer,
      });
  }
}
