export { createAuthContext, type AuthContext } from './context.js';
export { roleKeys, roleRanks, roleAtLeast, isRoleKey, type RoleKey } from './roles.js';
export { minimumPasswordLength, maximumPasswordLength } from './password-policy.js';
export { createOwner, isSetupDone, type CreateOwnerInput } from './create-owner.js';
export { createStaffUser } from './create-staff-user.js';
export type { CreateUserInput } from './create-user.js';
export { logIn, type LogInInput, type LogInResult } from './log-in.js';
export { logOut } from './log-out.js';
export { findSession, type ActiveSession, type SessionPolicy, type SessionUser } from './sessions.js';
export { changePassword, type ChangePasswordInput } from './change-password.js';
export { updateStaffUser, type UpdateStaffUserInput } from './update-staff-user.js';
export { setTheme } from './set-theme.js';
export { getStaffUser } from './get-staff-user.js';
export {
  listStaffUsers,
  staffSortKeys,
  type ListStaffUsersInput,
  type StaffSortKey,
} from './list-staff-users.js';
export type { StaffUser } from './staff-user.js';
