/** Staff roles from most to least powerful; the migration seeds the same keys and ranks. */
export const roleRanks = { owner: 50, admin: 40, manager: 30, support: 20, viewer: 10 } as const;

export type RoleKey = keyof typeof roleRanks;

export const roleKeys = Object.keys(roleRanks) as RoleKey[];

export function isRoleKey(value: string): value is RoleKey {
  return Object.hasOwn(roleRanks, value);
}

/** True when `role` is at least as powerful as `minimum`. */
export function roleAtLeast(role: RoleKey, minimum: RoleKey): boolean {
  return roleRanks[role] >= roleRanks[minimum];
}
