/**
 * Account keys: `customer:<uuid>:<purpose>:<unit>` for what a customer holds, `operator:<purpose>:<unit>`
 * for the operator's own books. The unit is an ISO currency (USD) or a credit unit name (credits).
 */
export interface AccountKeyParts {
  ownerKind: 'customer' | 'operator';
  ownerId: string | null;
  purpose: string;
  unit: string;
}

// A currency (USD) or a credit unit's name as the catalog allows it (credits, GPU minutes).
const unitPattern = /^[A-Za-z][A-Za-z0-9_]*(?: [A-Za-z0-9_]+)*$/;
const purposePattern = /^[a-z][a-z0-9_]{0,63}$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isUnit(unit: string): boolean {
  return unit.length <= 40 && unitPattern.test(unit);
}

/** The parts of a key, or null when it is not one. */
export function parseAccountKey(key: string): AccountKeyParts | null {
  const parts = key.split(':');
  if (parts[0] === 'customer' && parts.length === 4) {
    const [, ownerId = '', purpose = '', unit = ''] = parts;
    if (!uuidPattern.test(ownerId) || !purposePattern.test(purpose) || !isUnit(unit)) return null;
    return { ownerKind: 'customer', ownerId, purpose, unit };
  }
  if (parts[0] === 'operator' && parts.length === 3) {
    const [, purpose = '', unit = ''] = parts;
    if (!purposePattern.test(purpose) || !isUnit(unit)) return null;
    return { ownerKind: 'operator', ownerId: null, purpose, unit };
  }
  return null;
}

export function customerAccountKey(customerId: string, purpose: string, unit: string): string {
  return `customer:${customerId}:${purpose}:${unit}`;
}

export function operatorAccountKey(purpose: string, unit: string): string {
  return `operator:${purpose}:${unit}`;
}
