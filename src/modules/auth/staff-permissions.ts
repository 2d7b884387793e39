import { AppError } from '../../lib/app-error.js';
import { roleAtLeast, roleRanks, type RoleKey } from './roles.js';

/** Who manages staff: admins and owners; nobody grants a role above their own, only owners touch owners. */
export function assertCanManageStaff(actorRole: RoleKey | 'cli', targetRole: RoleKey): void {
  if (actorRole === 'cli') return; // the machine's operator, at the shell, is trusted fully
  const allowed =
    roleAtLeast(actorRole, 'admin') &&
    roleRanks[targetRole] <= roleRanks[actorRole] &&
    (targetRole !== 'owner' || actorRole === 'owner');
  if (!allowed) throw new AppError('forbidden', 'Your role does not allow managing this staff role.');
}
