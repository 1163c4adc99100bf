import PDFDocument from 'pdfkit';
import type { LetterContent } from './letter-content.js';

/**
 * The PDF standard fonts (no font files to ship) encode Windows-1252 only. Arrows become ASCII,
 * accented letters outside it lose their accent, and anything else shows as "?" rather than as
 * a wrong letter.
 */
const CP1252_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
function toWinAnsi(text: string): string {
  return [...text.replaceAll('→', '->').replaceAll('≥', '>=').replaceAll('≤', '<=')]
    .map((char) => {
      const code = char.codePointAt(0)!;
      if (char === '\n' || (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff))
        return char;
      if (CP1252_EXTRAS.has(char)) return char;
      const plain = char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
      return [...plain].every((c) => c.codePointAt(0)! <= 0xff) && plain.length > 0 ? plain : '?';
    })
    .join('');
}

/** Lays a letter out on A4 and returns the PDF bytes. */
export function renderLetterPdf(letter: LetterContent, createdAt: Date): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 72, bottom: 72, left: 72, right: 72 },
    // Metadata names the organisation and the letter, never a person.
    info: {
      Title: toWinAnsi(`${letter.subject}`),
      Author: toWinAnsi(letter.organisationName),
      Creator: 'Klachtpad',
      CreationDate: createdAt,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const text = (value: string, options: PDFKit.Mixins.TextOptions = {}) =>
    pdf.text(toWinAnsi(value), options);

  pdf.font('Helvetica-Bold').fontSize(14);
  text(letter.organisationName);
  pdf.moveDown(2).font('Helvetica').fontSize(11);
  text(`Aan: ${letter.addressee}`);
  text(`Datum: ${letter.date}`);
  text(`Kenmerk: ${letter.reference}`);
  pdf.moveDown().font('Helvetica-Bold');
  text(`Betreft: ${letter.subject}`);
  pdf.font('Helvetica');
  for (const section of letter.sections) {
    pdf.moveDown();
    if (section.heading) {
      pdf.font('Helvetica-Bold');
      text(section.heading);
      pdf.font('Helvetica');
    }
    for (const paragraph of section.paragraphs) {
      text(paragraph, { align: 'left', paragraphGap: 4 });
    }
  }
  pdf.end();
  return done;
}
