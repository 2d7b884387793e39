import type { BillRunProgress } from '../../../../modules/system/index.js';
import { Badge } from '../../components/detail.js';
import { formatCount } from '../../format.js';

type Status = BillRunProgress['status'];

// A Record, so a new status cannot be added without its badge.
const statusBadges: Record<Status, string> = { running: 'info', finished: 'ok', failed: 'bad' };

export const billRunStatuses = Object.keys(statusBadges) as Status[];

/** Who started a run, as the pages say it. */
export const triggerLabels: Record<BillRunProgress['trigger'], string> = {
  schedule: 'schedule',
  cli: 'command line',
  staff: 'staff',
};

export function BillRunStatusBadge(props: { status: Status }) {
  return <Badge kind={statusBadges[props.status]}>{props.status}</Badge>;
}

/** "under a second", "12 s", "2 min 5 s", "1 h 3 min". */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 1) return 'under a second';
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/**
 * How long a run took, or has taken so far. A failed run was marked so only when the next start
 * found it silent, so it counts up to its last sign of life, not to that moment.
 */
export function runDuration(run: BillRunProgress, now: Date): string {
  if (run.status === 'running') return `${formatDuration(now.getTime() - run.startedAt.getTime())} so far`;
  const end = run.status === 'failed' ? run.progressAt : (run.finishedAt ?? run.progressAt);
  return formatDuration(end.getTime() - run.startedAt.getTime());
}

/** "45,210 handled of 120,000 due · 3 of 4 ranges done". */
export function runCounts(run: BillRunProgress): string {
  return (
    `${formatCount(run.handled)} handled of ${formatCount(run.dueAtStart)} due · ` +
    `${run.rangesDone} of ${run.ranges.length} ranges done`
  );
}

/** What went wrong: each range's last error (cleared when it is retried), or why a run failed without one. */
export function runErrors(run: BillRunProgress): string[] {
  const errors = run.ranges
    .filter((range) => range.error)
    .map((range) => `Range ${range.position + 1}: ${range.error}`);
  if (run.status === 'failed' && errors.length === 0)
    return ['Stopped making progress; the next run does what it left.'];
  return errors;
}
