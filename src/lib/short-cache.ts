/**
 * Remembers the result of `load` for `ttlMs` in this process. For read-mostly summaries that may
 * be a moment stale (dashboard figures), never for anything that decides access or money.
 */
export function cacheFor<T>(ttlMs: number, load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  let loadedAt = 0;
  return () => {
    const now = performance.now();
    if (!value || now - loadedAt >= ttlMs) {
      loadedAt = now;
      value = load().catch((error: unknown) => {
        value = undefined; // a failure is not cached
        throw error;
      });
    }
    return value;
  };
}
