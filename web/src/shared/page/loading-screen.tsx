/** Shown while the first answer is on its way; announced politely, once. */
export function LoadingScreen({
  label = 'Even geduld, Klachtpad wordt geladen…',
}: {
  label?: string;
}) {
  return (
    <main className="centred" aria-busy="true">
      <p role="status" className="loading">
        {label}
      </p>
    </main>
  );
}
