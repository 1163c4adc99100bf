import { crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectMediaType, sanitiseName } from './document-content.js';

/** A ZIP with stored (uncompressed) entries: enough for a DOCX to be recognised by its content. */
function storedZip(entries: Record<string, string>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of Object.entries(entries)) {
    const data = Buffer.from(text);
    const fileName = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    locals.push(local, fileName, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, fileName);
    offset += 30 + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(entries).length, 8);
  end.writeUInt16LE(Object.keys(entries).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const DOCX = storedZip({
  '[Content_Types].xml':
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  'word/document.xml': '<w:document/>',
});
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

describe('detecting a document type by its content', () => {
  it.each([
    ['a PDF', Buffer.from('%PDF-1.7\n%%EOF\n'), 'application/pdf'],
    ['a JPEG', JPEG, 'image/jpeg'],
    ['a DOCX', DOCX, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    [
      'Dutch plain text',
      Buffer.from('Geachte heer,\r\nIk ben ontevreden over de zorg.\n'),
      'text/plain',
    ],
  ])('accepts %s', async (_what, content, expected) => {
    expect(await detectMediaType(content)).toBe(expected);
  });

  it.each([
    ['an executable', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 0x90)])],
    ['an HTML page', Buffer.from('  <html><script>alert(1)</script></html>')],
    ['markup after some text', Buffer.from('hallo <svg onload=alert(1)>')],
    ['an SVG image', Buffer.from('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['a ZIP that is not a DOCX', storedZip({ 'readme.txt': 'hallo' })],
    ['binary that is not UTF-8', Buffer.from([0xc3, 0x28, 0xa0, 0xa1])],
    ['text with control characters', Buffer.from('hallo\u0000wereld')],
  ])('refuses %s', async (_what, content) => {
    expect(await detectMediaType(content)).toBeUndefined();
  });
});

describe('sanitising a document name', () => {
  it.each([
    ['verslag.pdf', 'application/pdf', 'verslag.pdf'],
    ['../../etc/passwd', 'text/plain', 'passwd.txt'],
    ['C:\\Users\\x\\foto.jpeg', 'image/jpeg', 'foto.jpg'],
    ['brief.exe', 'application/pdf', 'brief.pdf'],
    ['  a\u0000b<c>:"d|?*.png', 'image/png', 'abcd.png'],
    ['', 'application/pdf', 'document.pdf'],
    ['.pdf', 'application/pdf', 'document.pdf'],
    ['Klacht over de zorg – maart.pdf', 'application/pdf', 'Klacht over de zorg – maart.pdf'],
    // A right-to-left override makes "factuur‮fdp.exe" read as "factuurexe.pdf".
    ['factuur\u202Efdp.pdf', 'application/pdf', 'factuurfdp.pdf'],
    ['ver\u200Bslag\u2066\u2069\uFEFF.pdf', 'application/pdf', 'verslag.pdf'],
    ['half\uD800.txt', 'text/plain', 'half.txt'],
    ['foto 😀.png', 'image/png', 'foto 😀.png'],
  ] as const)('%j as %s becomes %j', (raw, type, expected) => {
    expect(sanitiseName(raw, type)).toBe(expected);
  });

  it('keeps names short', () => {
    expect(sanitiseName(`${'a'.repeat(500)}.pdf`, 'application/pdf')).toHaveLength(124);
  });
});
