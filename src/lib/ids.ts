const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True when `id` has the shape of a uuid; anything else cannot name a row, so lookups answer not_found early. */
export function isUuid(id: string): boolean {
  return uuidPattern.test(id);
}
