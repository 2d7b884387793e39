import type { BillRunProgress } from '../../../../modules/system/index.js';
import { DataTable, type Column } from '../../components/data-table.js';
import { formatCount, formatDateTime } from '../../format.js';
import type { TableQuery } from '../../table-query.js';
import {
  BillRunStatusBadge,
  billRunStatuses,
  runDuration,
  runErrors,
  triggerLabels,
} from './bill-run-labels.js';

/** Newest first is the only order listBillRuns has; status is the one filter. */
export const billRunsQuerySpec = {
  sortKeys: ['startedAt'],
  defaultSort: 'startedAt',
  defaultDir: 'desc' as const,
  filters: { status: billRunStatuses },
};

function columns(now: Date): Column<BillRunProgress>[] {
  return [
    { key: 'startedAt', label: 'Started', class: 'nowrap', render: (run) => formatDateTime(run.startedAt) },
    { key: 'trigger', label: 'Trigger', render: (run) => triggerLabels[run.trigger] },
    { key: 'status', label: 'Status', render: (run) => <BillRunStatusBadge status={run.status} /> },
    { key: 'until', label: 'Until', class: 'nowrap', render: (run) => formatDateTime(run.until) },
    {
      key: 'handled',
      label: 'Handled / due',
      class: 'nowrap',
      render: (run) => `${formatCount(run.handled)} / ${formatCount(run.dueAtStart)}`,
    },
    { key: 'ranges', label: 'Ranges done', render: (run) => `${run.rangesDone} of ${run.ranges.length}` },
    { key: 'duration', label: 'Duration', class: 'nowrap', render: (run) => runDuration(run, now) },
    {
      key: 'errors',
      label: 'Errors',
      render: (run) => {
        const errors = runErrors(run);
        return errors.length === 0 ? '—' : <span class="field-error">{errors.join(' · ')}</span>;
      },
    },
  ];
}

/** Every bill run, newest first, by status, a page at a time. */
export function BillRunsTable(props: {
  rows: BillRunProgress[];
  total: number;
  query: TableQuery;
  now: Date;
}) {
  return (
    <DataTable
      id="bill-runs"
      basePath="/admin/scheduler"
      columns={columns(props.now)}
      rows={props.rows}
      total={props.total}
      query={props.query}
      filters={[
        {
          name: 'status',
          label: 'Statuses',
          options: billRunStatuses.map((status) => ({ value: status, label: status })),
        },
      ]}
      empty={{
        title: 'No bill runs yet',
        body:
          'A bill run starts every minute when something is due: renewals, trial ends, booked changes ' +
          'and the invoices they make. Runs started from the command line or with Run now are listed here too.',
      }}
    />
  );
}
