import type { FastifyInstance } from 'fastify';
import { roleAtLeast } from '../../../../modules/auth/index.js';
import {
  latestBillRun,
  listBillRuns,
  listJobHeartbeats,
  type BillRunProgress,
  type JobHeartbeat,
} from '../../../../modules/system/index.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { Card } from '../../components/detail.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendFragment, sendPage } from '../../render.js';
import { parseTableQuery, type TableQuery } from '../../table-query.js';
import { BillRunProgressLine, progressPath } from './bill-run-progress.js';
import { BillRunsTable, billRunsQuerySpec } from './bill-runs-table.js';
import { RunNowButton, runNowRole } from './run-now.js';
import { ScheduledJobsCard } from './scheduled-jobs-card.js';

interface PageData {
  latest: BillRunProgress | null;
  heartbeats: JobHeartbeat[];
  runs: BillRunProgress[];
  total: number;
  query: TableQuery;
  now: Date;
}

function SchedulerPage(props: { ctx: PageContext; data: PageData }) {
  const { ctx, data } = props;
  const canRun = ctx.user !== null && roleAtLeast(ctx.user.role, runNowRole);
  return (
    <AdminLayout ctx={ctx} title="Scheduler" actions={canRun && <RunNowButton csrfToken={ctx.csrfToken} />}>
      <div class="stack">
        <div class="grid-2">
          <Card title="Bill run">
            <BillRunProgressLine run={data.latest} now={data.now} />
          </Card>
          <ScheduledJobsCard heartbeats={data.heartbeats} now={data.now} />
        </div>
        <BillRunsTable rows={data.runs} total={data.total} query={data.query} now={data.now} />
      </div>
    </AdminLayout>
  );
}

/** GET /admin/scheduler (the scheduled jobs and bill runs) and its live progress fragment. */
export function registerSchedulerRoutes(app: FastifyInstance, services: AppServices): void {
  const { db } = services;

  app.get('/admin/scheduler', { preHandler: requireRole('viewer') }, async (request, reply) => {
    // Bill runs have nothing to search: the list is narrowed by status only.
    const query = { ...parseTableQuery(request.query, billRunsQuerySpec), q: '' };
    const status = query.filters['status'] as BillRunProgress['status'] | undefined;
    const [latest, heartbeats, runs] = await Promise.all([
      latestBillRun(db),
      listJobHeartbeats(db),
      listBillRuns(db, { status, page: query.page, pageSize: query.per }),
    ]);
    const data = { latest, heartbeats, runs: runs.rows, total: runs.total, query, now: services.clock.now() };
    return sendPage(reply, <SchedulerPage ctx={pageContext(request, reply, services.assets)} data={data} />);
  });

  app.get(progressPath, { preHandler: requireRole('viewer') }, async (request, reply) => {
    const latest = await latestBillRun(db);
    // htmx polls only while a run is going; once it is not, the table below is out of date too,
    // so the page reloads whole rather than showing a finished run next to a "running" row.
    if (request.headers['hx-request'] && latest?.status !== 'running') reply.header('hx-refresh', 'true');
    return sendFragment(reply, <BillRunProgressLine run={latest} now={services.clock.now()} />);
  });
}
