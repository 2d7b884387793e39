import type { FastifyInstance } from 'fastify';
import type { ComponentChildren } from 'preact';
import { listAuditEvents, type AuditEvent } from '../../../modules/audit/index.js';
import { listStaffUsers } from '../../../modules/auth/index.js';
import { listProducts } from '../../../modules/catalog/index.js';
import { listCustomers } from '../../../modules/customers/index.js';
import { listSubscriptions } from '../../../modules/subscriptions/index.js';
import { listJobHeartbeats, type JobHeartbeat } from '../../../modules/system/index.js';
import { cacheFor } from '../../../lib/short-cache.js';
import { requireRole } from '../../plugins/auth-guard.js';
import type { AppServices } from '../../services.js';
import { AdminLayout } from '../components/admin-layout.js';
import { Card } from '../components/detail.js';
import { EmptyState } from '../components/empty-state.js';
import { formatAgo } from '../format.js';
import { pageContext, type PageContext } from '../page-context.js';
import { sendPage } from '../render.js';
import { describeAction } from './audit-labels.js';

interface DashboardData {
  staffCount: number;
  customerCount: number;
  productCount: number;
  activeCount: number;
  trialingCount: number;
  heartbeats: JobHeartbeat[];
  recent: AuditEvent[];
  now: Date;
  databaseMode: 'embedded' | 'external';
}

function customersNote(data: DashboardData): string {
  if (data.customerCount > 0)
    return data.customerCount === 1 ? 'One customer.' : 'Customers (merged duplicates not counted).';
  if (data.productCount === 0)
    return 'No customers yet — create a product and its plans in the Catalog first.';
  return 'No customers yet — add one, or they arrive when someone buys a plan.';
}

function Stat(props: { label: ComponentChildren; value: string; note: string }) {
  return (
    <div class="stat">
      <div class="stat-label">{props.label}</div>
      <div class="stat-value">{props.value}</div>
      <div class="stat-note muted">{props.note}</div>
    </div>
  );
}

/** Who did it, for the activity list: the first-run wizard records its actor as `setup:<email>`. */
function actorName(label: string): string {
  return label.startsWith('setup:') ? `${label.replace(/^setup:/, '')} (first-run setup)` : label;
}

function DashboardPage(props: { ctx: PageContext; data: DashboardData }) {
  const { data } = props;
  const heartbeat = data.heartbeats.find((beat) => beat.jobName === 'system.heartbeat');
  return (
    <AdminLayout ctx={props.ctx} title="Dashboard">
      <div class="stats">
        <Stat
          label={<abbr title="Monthly recurring revenue">MRR</abbr>}
          value="—"
          note="No revenue yet: nothing has been sold."
        />
        <Stat
          label="Active subscriptions"
          value={String(data.activeCount)}
          note={
            data.activeCount + data.trialingCount === 0
              ? 'No subscriptions yet.'
              : `Plus ${data.trialingCount} in trial.`
          }
        />
        <Stat label="Customers" value={String(data.customerCount)} note={customersNote(data)} />
        <Stat
          label="Team"
          value={String(data.staffCount)}
          note={data.staffCount === 1 ? 'Just you so far.' : 'Staff accounts.'}
        />
      </div>
      <div class="grid-2">
        <Card title="Recent activity">
          {data.recent.length === 0 ? (
            <EmptyState title="No activity yet" />
          ) : (
            <ul class="activity">
              {data.recent.map((event) => (
                <li>
                  <div class="activity-what">{describeAction(event.action)}</div>
                  <div class="activity-meta muted">
                    by {actorName(event.actorLabel)} · {formatAgo(event.occurredAt, data.now)}
                  </div>
                </li>
              ))}
            </ul>
          )}
          <a href="/admin/audit" class="card-link">
            Open the audit log →
          </a>
        </Card>
        <Card title="System">
          <dl class="facts compact">
            <div class="fact">
              <dt>Database</dt>
              <dd>
                {data.databaseMode === 'embedded'
                  ? 'Embedded PostgreSQL (in the data dir)'
                  : 'External PostgreSQL (DATABASE_URL)'}
              </dd>
            </div>
            <div class="fact">
              <dt>
                <a href="/admin/scheduler">Scheduler</a>
              </dt>
              <dd data-testid="scheduler-status">
                {heartbeat ? (
                  <>
                    <span class="badge ok">running</span> last heartbeat{' '}
                    {formatAgo(heartbeat.lastRunAt, data.now)} ({String(heartbeat.runs)} runs)
                  </>
                ) : (
                  <>
                    <span class="badge warn">waiting</span>{' '}
                    <span class="muted">for the first run, due within a minute of start</span>
                  </>
                )}
              </dd>
            </div>
          </dl>
        </Card>
      </div>
    </AdminLayout>
  );
}

/** GET /admin: the dashboard. */
export function registerDashboardRoutes(app: FastifyInstance, services: AppServices): void {
  // The figures are the same for every viewer and may be a second old; caching them keeps the
  // most visited page to the queries that check who is asking.
  const loadFigures = cacheFor(1000, async () => {
    const [staff, customers, products, active, trialing, heartbeats, recent] = await Promise.all([
      listStaffUsers(services.db, { sort: 'name', direction: 'asc', page: 1, pageSize: 1 }),
      listCustomers(services.db, { sort: 'createdAt', direction: 'desc', page: 1, pageSize: 1 }),
      listProducts(services.db, { status: 'active', sort: 'name', direction: 'asc', page: 1, pageSize: 1 }),
      listSubscriptions(services.db, { state: 'active', page: 1, pageSize: 1 }),
      listSubscriptions(services.db, { state: 'trialing', page: 1, pageSize: 1 }),
      listJobHeartbeats(services.db),
      listAuditEvents(services.db, { page: 1, pageSize: 6 }),
    ]);
    return {
      staffCount: staff.total,
      customerCount: customers.total,
      productCount: products.total,
      activeCount: active.total,
      trialingCount: trialing.total,
      heartbeats,
      recent: recent.rows,
    };
  });
  app.get('/', async (_request, reply) => reply.redirect('/admin'));
  app.get('/admin', { preHandler: requireRole('viewer') }, async (request, reply) => {
    const data: DashboardData = {
      ...(await loadFigures()),
      now: services.clock.now(),
      databaseMode: services.databaseMode,
    };
    return sendPage(reply, <DashboardPage ctx={pageContext(request, reply, services.assets)} data={data} />);
  });
}
