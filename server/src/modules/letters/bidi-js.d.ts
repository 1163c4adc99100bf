// bidi-js ships JavaScript only; this is the part of its API the letters use.
declare module 'bidi-js' {
  interface Bidi {
    getEmbeddingLevels(
      text: string,
      direction?: 'ltr' | 'rtl' | 'auto',
    ): { levels: Uint8Array; paragraphs: { start: number; end: number; level: number }[] };
  }
  // The package's own shape: its one export is the default factory.
  // eslint-disable-next-line no-restricted-exports
  export default function bidiFactory(): Bidi;
}
