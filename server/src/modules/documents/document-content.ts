import { fileTypeFromBuffer } from 'file-type';

/** The types a document may have, each with the extension its stored name gets. */
export const ALLOWED_TYPES = {
  'application/pdf': 'pdf',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'text/plain': 'txt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
} as const;
export type AllowedMediaType = keyof typeof ALLOWED_TYPES;

/** Why an upload is refused before anything is stored; a closed list mapped to HTTP statuses. */
export type ContentRefusal = 'EMPTY' | 'TOO_LARGE' | 'UNSUPPORTED_TYPE' | 'BAD_NAME';

/**
 * The type of the bytes, judged by their content alone (magic numbers via `file-type`, which also
 * looks inside a ZIP to tell a DOCX from any other archive). Text has no magic number: it is
 * accepted as plain text only when it is valid UTF-8 without control characters and does not look
 * like markup, so an HTML page renamed `.pdf` or `.txt` is refused rather than stored.
 */
export async function detectMediaType(content: Buffer): Promise<AllowedMediaType | undefined> {
  const detected = await fileTypeFromBuffer(content);
  if (detected) {
    return detected.mime in ALLOWED_TYPES ? (detected.mime as AllowedMediaType) : undefined;
  }
  return isPlainText(content) ? 'text/plain' : undefined;
}

const decoder = new TextDecoder('utf-8', { fatal: true });
// Control characters other than tab, line feed, form feed and carriage return.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/;
// What browsers sniff as HTML or XML (WHATWG MIME sniffing), anywhere in the text.
const MARKUP = /<\s*(!doctype|html|head|body|script|iframe|svg|object|embed|style|meta|\?xml)\b/i;

function isPlainText(content: Buffer): boolean {
  let text: string;
  try {
    text = decoder.decode(content);
  } catch {
    return false;
  }
  return !CONTROL.test(text) && !MARKUP.test(text) && !text.trimStart().startsWith('<');
}

/**
 * A name safe to store and to offer as a download: the last path segment of what was sent, without
 * control or reserved characters, at most 120 characters, with the extension of the detected type
 * (so `report.exe` that is really a PDF downloads as `report.pdf`); `document` when nothing is left.
 */
export function sanitiseName(raw: string, mediaType: AllowedMediaType): string {
  const base = raw.split(/[/\\]/).pop() ?? '';
  const cleaned = base
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '')
    // Format characters (bidi overrides and isolates, zero-width spaces and joiners) make a name
    // read as something else ("factuur\u202Efdp.exe" shows as "factuurexe.pdf"); lone surrogates
    // are no characters at all.
    .replace(/[\p{Cf}\p{Cs}]/gu, '')
    .replace(/\s+/g, ' ')
    .trim();
  const stem = cleaned
    .replace(/\.[^.]{1,8}$/, '')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 120);
  return `${stem || 'document'}.${ALLOWED_TYPES[mediaType]}`;
}
