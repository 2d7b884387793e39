import type { FastifyInstance } from 'fastify';
import {
  listStaffUsers,
  roleAtLeast,
  roleKeys,
  staffSortKeys,
  type RoleKey,
  type StaffUser,
} from '../../../modules/auth/index.js';
import { requireRole } from '../../plugins/auth-guard.js';
import type { AppServices } from '../../services.js';
import { AdminLayout } from '../components/admin-layout.js';
import { DataTable, type Column } from '../components/data-table.js';
import { Badge } from '../components/detail.js';
import { formatDateTime } from '../format.js';
import { pageContext } from '../page-context.js';
import { sendPage } from '../render.js';
import { parseTableQuery } from '../table-query.js';

const querySpec = {
  sortKeys: staffSortKeys,
  defaultSort: 'name',
  defaultDir: 'asc' as const,
  filters: { role: roleKeys, status: ['active', 'disabled'] },
};

const columns: Column<StaffUser>[] = [
  {
    key: 'name',
    label: 'Name',
    sortable: true,
    render: (user) => <a href={`/admin/team/${user.id}`}>{user.name}</a>,
  },
  { key: 'email', label: 'Email', sortable: true, render: (user) => user.email },
  {
    key: 'role',
    label: 'Role',
    sortable: true,
    render: (user) => <Badge kind={`role-${user.role}`}>{user.role}</Badge>,
  },
  {
    key: 'status',
    label: 'Status',
    render: (user) =>
      user.disabledAt ? <Badge kind="bad">disabled</Badge> : <Badge kind="ok">active</Badge>,
  },
  {
    key: 'lastLoginAt',
    label: 'Last sign-in',
    sortable: true,
    render: (user) => formatDateTime(user.lastLoginAt),
  },
  { key: 'createdAt', label: 'Added', sortable: true, render: (user) => formatDateTime(user.createdAt) },
];

/** GET /admin/team: staff accounts with search, role/status filters, sorting and pages. */
export function registerTeamListRoutes(app: FastifyInstance, services: AppServices): void {
  app.get('/admin/team', { preHandler: requireRole('viewer') }, async (request, reply) => {
    const query = parseTableQuery(request.query, querySpec);
    const { rows, total } = await listStaffUsers(services.db, {
      search: query.q,
      role: query.filters['role'] as RoleKey | undefined,
      status: query.filters['status'] as 'active' | 'disabled' | undefined,
      sort: query.sort as (typeof staffSortKeys)[number],
      direction: query.dir,
      page: query.page,
      pageSize: query.per,
    });
    const ctx = pageContext(request, reply, services.assets);
    const canAdd = ctx.user !== null && roleAtLeast(ctx.user.role, 'admin');
    const addButton = canAdd ? (
      <a class="button" href="/admin/team/new">
        Add staff member
      </a>
    ) : undefined;
    return sendPage(
      reply,
      <AdminLayout ctx={ctx} title="Team" actions={addButton}>
        <DataTable
          id="team"
          basePath="/admin/team"
          columns={columns}
          rows={rows}
          total={total}
          query={query}
          searchPlaceholder="Search name or email"
          rowHref={(user) => `/admin/team/${user.id}`}
          filters={[
            { name: 'role', label: 'Roles', options: roleKeys.map((role) => ({ value: role, label: role })) },
            {
              name: 'status',
              label: 'Statuses',
              options: [
                { value: 'active', label: 'active' },
                { value: 'disabled', label: 'disabled' },
              ],
            },
          ]}
          empty={{
            title: 'No staff yet',
            body: 'Add the people who help you run Tollgate.',
            action: canAdd ? { href: '/admin/team/new', label: 'Add staff member' } : undefined,
          }}
        />
      </AdminLayout>,
    );
  });
}
