import { validationError } from '../../lib/app-error.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { plansByIds } from '../catalog/index.js';

/** Refuses plan ids that name no plan, so a coupon never points at nothing. */
export async function assertPlansExist(db: DbOrTx, planIds: string[]): Promise<void> {
  if (planIds.length === 0) return;
  const found = await plansByIds(db, planIds);
  const missing = planIds.filter((id) => !found.has(id));
  if (missing.length) throw validationError({ planIds: `has ${missing.join(', ')}, which is no plan` });
}
