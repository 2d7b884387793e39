export { recordEvents, type EventInput } from './record-event.js';
export { listEvents, type ListEventsInput, type OutboxEvent } from './list-events.js';
