import type { FastifyInstance } from 'fastify';
import { recordAuditEvent } from '../../../../modules/audit/index.js';
import type { RoleKey } from '../../../../modules/auth/index.js';
import { latestBillRun, queueBillRun } from '../../../../modules/system/index.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import { actorOf } from '../../../request-auth.js';
import type { AppServices } from '../../../services.js';
import { PostForm } from '../../components/form.js';
import { setFlash } from '../../flash.js';
import { formatCount } from '../../format.js';

/** Starting a run only does early what the schedule would, so any role that may write may. */
export const runNowRole: RoleKey = 'support';

export function RunNowButton(props: { csrfToken: string }) {
  return (
    <PostForm action="/admin/scheduler/bill-runs" csrfToken={props.csrfToken} class="inline-form">
      <button type="submit" class="button">
        Run now
      </button>
    </PostForm>
  );
}

/** POST /admin/scheduler/bill-runs: starts a bill run now, as the every-minute schedule would. */
export function registerRunNowRoutes(app: FastifyInstance, services: AppServices): void {
  app.post('/admin/scheduler/bill-runs', { preHandler: requireRole(runNowRole) }, async (request, reply) => {
    const { billRuns, config } = services;
    const run = await queueBillRun(services.jobs, billRuns, 'staff', config.billRunRanges);
    if (run) {
      // queueBillRun commits the run in its own transaction, so the audit row follows it.
      await recordAuditEvent(billRuns.db, {
        actor: actorOf(request),
        action: 'bill_run.started',
        entityType: 'bill_run',
        entityId: run.id,
        after: {
          until: run.until.toISOString(),
          dueAtStart: run.dueAtStart,
          ranges: run.ranges.length,
        },
        at: run.startedAt,
      });
      setFlash(reply, { kind: 'success', text: `Bill run started: ${formatCount(run.dueAtStart)} due.` });
    } else {
      // Null means nothing was due or another run is going; the latest run tells which.
      const latest = await latestBillRun(billRuns.db);
      setFlash(reply, {
        kind: 'info',
        text: latest?.status === 'running' ? 'A bill run is already going.' : 'Nothing is due.',
      });
    }
    return reply.code(303).redirect('/admin/scheduler');
  });
}
