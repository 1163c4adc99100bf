import { createRequire } from 'node:module';
import bidiFactory from 'bidi-js';
import PDFDocument from 'pdfkit';
import type { LetterContent } from './letter-content.js';

/**
 * Letters embed DejaVu Sans (ADR 0082): the PDF standard fonts know Windows-1252 only, so
 * "Łukasz" lost its Ł and an Arabic name became question marks. DejaVu covers Latin with every
 * diacritic, Greek, Cyrillic, Hebrew and Arabic; pdfkit embeds only the glyphs a letter uses.
 */
const require = createRequire(import.meta.url);
const FONT = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
};

const bidi = bidiFactory();

/**
 * The stretches of a left-to-right paragraph that run in one direction, in reading order, as the
 * Unicode bidirectional algorithm resolves them. pdfkit lays each run out on its own, and its
 * shaper (fontkit) joins and orders the letters of an Arabic or Hebrew run; without the split it
 * would shape a Dutch sentence with an Arabic name in it as Latin text and scramble the name.
 */
export function directionRuns(text: string): { text: string; rtl: boolean }[] {
  const { levels } = bidi.getEmbeddingLevels(text, 'ltr');
  const runs: { text: string; rtl: boolean }[] = [];
  for (let index = 0; index < text.length; index++) {
    const rtl = (levels[index]! & 1) === 1;
    const last = runs.at(-1);
    if (last && last.rtl === rtl) last.text += text[index];
    else runs.push({ text: text[index]!, rtl });
  }
  return runs;
}

/** Lays a letter out on A4 and returns the PDF bytes. */
export function renderLetterPdf(letter: LetterContent, createdAt: Date): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    lang: letter.language,
    margins: { top: 72, bottom: 72, left: 72, right: 72 },
    // Metadata names the organisation and the letter, never a person.
    info: {
      Title: letter.subject,
      Author: letter.organisationName,
      Creator: 'Klachtpad',
      CreationDate: createdAt,
    },
  });
  pdf.registerFont('regular', FONT.regular);
  pdf.registerFont('bold', FONT.bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const text = (value: string, options: PDFKit.Mixins.TextOptions = {}) => {
    const runs = directionRuns(value);
    runs.forEach((run, index) =>
      pdf.text(run.text, { ...options, continued: index < runs.length - 1 }),
    );
  };

  const { labels } = letter;
  pdf.font('bold').fontSize(14);
  text(letter.organisationName);
  pdf.moveDown(2).font('regular').fontSize(11);
  text(`${labels.to}: ${letter.addressee}`);
  text(`${labels.date}: ${letter.date}`);
  text(`${labels.reference}: ${letter.reference}`);
  pdf.moveDown().font('bold');
  text(`${labels.subject}: ${letter.subject}`);
  pdf.font('regular');
  for (const section of letter.sections) {
    pdf.moveDown();
    if (section.heading) {
      pdf.font('bold');
      text(section.heading);
      pdf.font('regular');
    }
    for (const paragraph of section.paragraphs) {
      text(paragraph, { align: 'left', paragraphGap: 4 });
    }
  }
  pdf.end();
  return done;
}
