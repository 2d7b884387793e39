import { roleKeys, roleRanks, type RoleKey } from '../../../modules/auth/index.js';

const descriptions: Record<RoleKey, string> = {
  owner: 'Owner — everything',
  admin: 'Admin — everything but owners',
  manager: 'Manager — catalog, customers, billing',
  support: 'Support — customer care',
  viewer: 'Viewer — read only',
};

/** The roles a staff member may hand out: their own rank or lower (owners only by owners). */
export function assignableRoles(actorRole: RoleKey): { value: string; label: string }[] {
  return roleKeys
    .filter((role) => roleRanks[role] <= roleRanks[actorRole] && (role !== 'owner' || actorRole === 'owner'))
    .map((role) => ({ value: role, label: descriptions[role] }));
}
