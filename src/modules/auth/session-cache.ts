/** A session row as stored, joined with what the app needs of its user. */
export interface SessionRow {
  sessionId: string;
  lastSeenAt: Date;
  expiresAt: Date;
  userId: string;
  email: string;
  name: string;
  role: string;
  theme: 'light' | 'dark' | null;
  disabledAt: Date | null;
}

const maxEntries = 10_000;

/**
 * Session rows remembered for a moment (one second by default), so a burst of page views by one
 * person costs one query. Changes made on this instance evict at once; another instance may go on
 * honouring an ended session, a disabled account or a lowered role for at most `ttlMs`.
 */
export class SessionCache {
  readonly #entries = new Map<string, { row: SessionRow; loadedAt: number }>();

  constructor(private readonly ttlMs = 1000) {}

  get(tokenHash: string): SessionRow | undefined {
    const entry = this.#entries.get(tokenHash);
    if (!entry) return undefined;
    if (performance.now() - entry.loadedAt >= this.ttlMs) {
      this.#entries.delete(tokenHash);
      return undefined;
    }
    return entry.row;
  }

  set(tokenHash: string, row: SessionRow): void {
    this.#entries.delete(tokenHash);
    this.#entries.set(tokenHash, { row, loadedAt: performance.now() });
    if (this.#entries.size > maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }

  forgetToken(tokenHash: string): void {
    this.#entries.delete(tokenHash);
  }

  forgetUser(userId: string): void {
    for (const [tokenHash, entry] of this.#entries)
      if (entry.row.userId === userId) this.#entries.delete(tokenHash);
  }
}
