export {
  recordAuditEvent,
  systemActor,
  cliActor,
  type Actor,
  type AuditEventInput,
} from './record-audit-event.js';
export {
  listAuditEvents,
  type AuditEvent,
  type AuditEventPage,
  type ListAuditEventsInput,
} from './list-audit-events.js';
