import type { BillRunProgress } from '../../../../modules/system/index.js';
import { formatDateTime, formatTime } from '../../format.js';
import { BillRunStatusBadge, runCounts, runDuration, runErrors, triggerLabels } from './bill-run-labels.js';

export const progressPath = '/admin/scheduler/progress';

function Errors(props: { run: BillRunProgress }) {
  return (
    <>
      {runErrors(props.run).map((error) => (
        <div class="field-error">{error}</div>
      ))}
    </>
  );
}

/**
 * The latest bill run. While it runs, a progress line and bar that htmx reloads every 2 s from
 * `progressPath`; the answer that finds it no longer running has no trigger, so polling stops.
 */
export function BillRunProgressLine(props: { run: BillRunProgress | null; now: Date }) {
  const { run, now } = props;
  if (!run)
    return (
      <div id="bill-run-progress" class="muted">
        No bill run yet. One starts every minute when something is due.
      </div>
    );
  if (run.status !== 'running')
    return (
      <div id="bill-run-progress">
        <div>
          Last bill run <BillRunStatusBadge status={run.status} />{' '}
          {`started ${formatDateTime(run.startedAt)} (${triggerLabels[run.trigger]}), took ${runDuration(run, now)}.`}
        </div>
        <div class="muted">{runCounts(run)}</div>
        <Errors run={run} />
      </div>
    );
  return (
    <div id="bill-run-progress" hx-get={progressPath} hx-trigger="every 2s" hx-swap="outerHTML">
      <div>{`Bill run started ${formatTime(run.startedAt)} (${triggerLabels[run.trigger]}): ${runCounts(run)}`}</div>
      {/* What was due at the start; work made on the way (a renewal's invoice) can take it past the end. */}
      <progress
        class="progress"
        max={Math.max(run.dueAtStart, run.handled, 1)}
        value={run.handled}
        aria-label="Bill run progress"
      />
      <Errors run={run} />
    </div>
  );
}
