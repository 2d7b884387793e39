import type { FastifyInstance } from 'fastify';
import { registerAuditEventApi } from './api/v1/audit-events.js';
import { registerCustomerApi } from './api/v1/customers.js';
import { registerPlanApi } from './api/v1/plans.js';
import { registerProductApi } from './api/v1/products.js';
import { registerStaffUserApi } from './api/v1/staff-users.js';
import type { AppServices } from './services.js';
import { registerAccountRoutes } from './web/admin/account-page.js';
import { registerAuditRoutes } from './web/admin/audit-page.js';
import { registerPlanDetailRoutes } from './web/admin/catalog/plan-detail-page.js';
import { registerProductDetailRoutes } from './web/admin/catalog/product-detail-page.js';
import { registerProductNewRoutes } from './web/admin/catalog/product-new-page.js';
import { registerProductListRoutes } from './web/admin/catalog/products-list-page.js';
import { registerCustomerDetailRoutes } from './web/admin/customers/customer-detail-page.js';
import { registerCustomerEditRoutes } from './web/admin/customers/customer-edit-page.js';
import { registerCustomerListRoutes } from './web/admin/customers/customers-list-page.js';
import { registerCustomerNewRoutes } from './web/admin/customers/customer-new-page.js';
import { registerDashboardRoutes } from './web/admin/dashboard-page.js';
import { registerTeamDetailRoutes } from './web/admin/team-detail-page.js';
import { registerTeamListRoutes } from './web/admin/team-list-page.js';
import { registerTeamNewRoutes } from './web/admin/team-new-page.js';
import { registerLoginRoutes } from './web/auth/login-page.js';
import { registerSetupRoutes } from './web/auth/setup-page.js';

/** Every page and API route, in one list so the surface is visible at a glance. */
export function registerRoutes(app: FastifyInstance, services: AppServices): void {
  registerSetupRoutes(app, services);
  registerLoginRoutes(app, services);
  registerDashboardRoutes(app, services);
  registerTeamListRoutes(app, services);
  registerTeamNewRoutes(app, services);
  registerTeamDetailRoutes(app, services);
  registerAuditRoutes(app, services);
  registerAccountRoutes(app, services);
  registerCustomerListRoutes(app, services);
  registerCustomerNewRoutes(app, services);
  registerCustomerDetailRoutes(app, services);
  registerCustomerEditRoutes(app, services);
  registerProductListRoutes(app, services);
  registerProductNewRoutes(app, services);
  registerProductDetailRoutes(app, services);
  registerPlanDetailRoutes(app, services);
  registerStaffUserApi(app, services);
  registerAuditEventApi(app, services);
  registerProductApi(app, services);
  registerPlanApi(app, services);
  registerCustomerApi(app, services);
}
