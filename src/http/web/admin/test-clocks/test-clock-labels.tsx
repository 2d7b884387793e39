import type { TestClock } from '../../../../modules/test-clocks/index.js';
import { Badge } from '../../components/detail.js';

/** "ready" or "advancing" as a badge. */
export function ClockStatusBadge(props: { clock: TestClock }) {
  return <Badge kind={props.clock.status === 'advancing' ? 'warn' : 'ok'}>{props.clock.status}</Badge>;
}

/** What test clocks are for, where people first meet them. */
export const testClocksExplained =
  'A test clock is a frozen "now" for sandbox customers. Attach a new customer to one, subscribe them, ' +
  'then advance the clock by a day, a month or a year: renewals, trial ends, booked cancellations and ' +
  'resumes run in time order, in seconds. Real customers never live on a test clock.';
