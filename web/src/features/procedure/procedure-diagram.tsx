import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Drawn = { source: string; svg: string; width: number } | { source: string; failed: true };

let renders = 0;

/**
 * Draws the engine's Mermaid text (`toMermaid`). Mermaid is imported here, when a diagram is
 * first shown, so it is a chunk of its own that only the procedure pages load. `strict` keeps
 * every label text (no HTML, no click handlers) and Mermaid cleans its SVG with DOMPurify before
 * handing it over; the labels come from the organisation's own procedure, and the engine already
 * strips brackets and quotes from them.
 */
async function draw(source: string, id: string): Promise<{ svg: string; width: number }> {
  const { default: mermaid } = await import('mermaid');
  mermaid.initialize({
    startOnLoad: false,
    securityLevel: 'strict',
    theme: 'neutral',
    fontFamily: 'inherit',
    // Labels as SVG text, not HTML in foreignObject: nothing but text, and no inline styles.
    htmlLabels: false,
    // At its own size, scrolled on a phone, rather than shrunk until nothing can be read.
    state: { useMaxWidth: false },
  });
  const rendered = await mermaid.render(`${id}-${(renders += 1)}`, source);
  // The page's CSP allows no inline style (ADR 0065), so Mermaid's own <style> would be refused
  // anyway: the diagram's look comes from our stylesheet (procedure.css) instead.
  const svg = rendered.svg.replace(/<style[\s\S]*?<\/style>/g, '');
  const width = Number(/viewBox="[-\d.]+ [-\d.]+ ([\d.]+)/.exec(svg)?.[1] ?? 0);
  return { svg, width };
}

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

/**
 * The procedure as a diagram, in a frame of its own that scrolls both ways (and takes keyboard
 * focus to do so), with buttons to zoom; the words under it say the same for anyone who cannot
 * read the picture.
 */
export function ProcedureDiagram({
  source,
  describedBy,
}: {
  source: string;
  /** The id of the explanation in words. */
  describedBy?: string;
}) {
  const { t } = useTranslation('procedure');
  const id = `diagram${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const [drawn, setDrawn] = useState<Drawn | undefined>(undefined);
  const [zoom, setZoom] = useState<number>(1);
  const frame = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let current = true;
    draw(source, id).then(
      (result) => current && setDrawn({ source, ...result }),
      () => current && setDrawn({ source, failed: true }),
    );
    return () => {
      current = false;
    };
  }, [source, id]);

  if (!drawn) return <p role="status">{t('diagram.loading')}</p>;
  if ('failed' in drawn) {
    return (
      <p className="field-hint" role="status">
        {t('diagram.failed')}
      </p>
    );
  }
  const step = (direction: 1 | -1) => {
    const index = ZOOMS.findIndex((z) => z >= zoom);
    const next = ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, index + direction))]!;
    setZoom(next);
  };
  const fit = () => {
    const available = frame.current?.clientWidth ?? drawn.width;
    if (drawn.width > 0) setZoom(Math.min(2, available / drawn.width));
  };
  return (
    <figure className="procedure-diagram" aria-describedby={describedBy}>
      <div className="diagram-controls" role="group" aria-label={t('diagram.zoom')}>
        <button type="button" className="button" onClick={() => step(-1)}>
          {t('diagram.zoomOut')}
        </button>
        <button type="button" className="button" onClick={() => step(1)}>
          {t('diagram.zoomIn')}
        </button>
        <button type="button" className="button" onClick={fit}>
          {t('diagram.fit')}
        </button>
        <span className="diagram-zoom" aria-live="polite">
          {t('diagram.zoomLevel', { percent: String(Math.round(zoom * 100)) })}
        </span>
      </div>
      <div
        ref={frame}
        className="diagram-frame"
        // A region that scrolls must be reachable without a mouse.
        tabIndex={0}
        role="region"
        aria-label={t('diagram.label')}
      >
        <div
          className="diagram-canvas"
          style={drawn.width > 0 ? { width: `${Math.round(drawn.width * zoom)}px` } : undefined}
          // Mermaid's own SVG, cleaned by Mermaid (securityLevel strict) before it is returned.
          dangerouslySetInnerHTML={{ __html: drawn.svg }}
        />
      </div>
      <figcaption>{t('diagram.caption')}</figcaption>
    </figure>
  );
}
