/** Only same-site paths may be redirect targets; anything else ("//evil", "https://…") goes to the fallback. */
export function safeNextPath(next: unknown, fallback = '/admin'): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return fallback;
  return next;
}
