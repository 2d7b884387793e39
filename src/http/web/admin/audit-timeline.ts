import type { Db } from '../../../lib/db/database.js';
import { listAuditEvents, type AuditEvent } from '../../../modules/audit/index.js';
import type { TimelineItem } from '../components/timeline.js';
import { describeAction, describeChanges } from './audit-labels.js';

/** What happened to one record, newest first, read from the audit log; `detail` words each change. */
export async function auditTimeline(
  db: Db,
  entityType: string,
  entityId: string,
  detail: (event: AuditEvent) => string | undefined = (event) => describeChanges(event.before, event.after),
): Promise<TimelineItem[]> {
  const { rows } = await listAuditEvents(db, { entityType, entityId, page: 1, pageSize: 50 });
  return rows.map((event) => ({
    at: event.occurredAt,
    title: describeAction(event.action),
    actor: event.actorLabel,
    detail: detail(event),
  }));
}
