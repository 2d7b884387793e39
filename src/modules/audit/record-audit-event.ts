import type { DbOrTx } from '../../lib/db/database.js';
import { auditEvents } from './schema.js';

/** Who did something: a signed-in staff member, the CLI, or the system itself. */
export interface Actor {
  userId: string | null;
  label: string;
  ip?: string | null;
}

export const systemActor: Actor = { userId: null, label: 'system' };
export const cliActor: Actor = { userId: null, label: 'cli' };

export interface AuditEventInput {
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  at: Date;
}

/** Writes one audit row; call it inside the transaction of the change it describes. */
export async function recordAuditEvent(db: DbOrTx, input: AuditEventInput): Promise<void> {
  await db.insert(auditEvents).values({
    occurredAt: input.at,
    actorUserId: input.actor.userId,
    actorLabel: input.actor.label,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    before: input.before ?? null,
    after: input.after ?? null,
    ip: input.actor.ip ?? null,
  });
}
