import type { ComponentChildren } from 'preact';
import type { PageContext } from '../page-context.js';
import { Document } from './document.js';
import { Icon, type IconName } from './icons.js';
import { Toasts } from './toasts.js';

interface NavItem {
  href: string;
  label: string;
  icon: IconName;
}

const navSections: { title: string; items: NavItem[] }[] = [
  { title: 'Overview', items: [{ href: '/admin', label: 'Dashboard', icon: 'dashboard' }] },
  {
    title: 'Billing',
    items: [
      { href: '/admin/catalog', label: 'Catalog', icon: 'catalog' },
      { href: '/admin/customers', label: 'Customers', icon: 'customers' },
      { href: '/admin/subscriptions', label: 'Subscriptions', icon: 'subscriptions' },
      { href: '/admin/invoices', label: 'Invoices', icon: 'audit' },
      { href: '/admin/credit-notes', label: 'Credit notes', icon: 'creditNote' },
      { href: '/admin/ledger', label: 'Ledger', icon: 'ledger' },
      { href: '/admin/coupons', label: 'Coupons', icon: 'coupon' },
      { href: '/admin/referrals', label: 'Referrals', icon: 'gift' },
      { href: '/admin/taxes', label: 'Tax rates', icon: 'percent' },
      { href: '/admin/test-clocks', label: 'Test clocks', icon: 'clock' },
      { href: '/admin/scheduler', label: 'Scheduler', icon: 'calendar' },
    ],
  },
  {
    title: 'System',
    items: [
      { href: '/admin/team', label: 'Team', icon: 'team' },
      { href: '/admin/audit', label: 'Audit log', icon: 'audit' },
      { href: '/api/docs', label: 'API docs', icon: 'api' },
    ],
  },
];

function isActive(path: string, href: string): boolean {
  return href === '/admin' ? path === '/admin' : path === href || path.startsWith(href + '/');
}

/**
 * Who is signed in, with the links to their account and to sign out: the account menu in the top
 * bar shows it, and so does the foot of the phone drawer (where the top-bar menu is out of reach).
 */
function AccountActions(props: {
  user: NonNullable<PageContext['user']>;
  csrfToken: string;
  logoutTestId: string;
}) {
  const { user } = props;
  return (
    <>
      <div class="menu-head">
        <div class="menu-email">{user.email}</div>
        <span class={`badge role-${user.role}`}>{user.role}</span>
      </div>
      <a href="/admin/account" class="menu-item">
        <Icon name="account" /> Account
      </a>
      <form method="post" action="/logout">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <button type="submit" class="menu-item" data-testid={props.logoutTestId}>
          <Icon name="logout" /> Sign out
        </button>
      </form>
    </>
  );
}

/**
 * The admin shell: a sidebar that collapses to icons on wide screens and slides in on phones
 * (a checkbox drives it, so it works before and without JavaScript), a top bar with the page
 * title, the theme switch and the account menu.
 */
export function AdminLayout(props: {
  ctx: PageContext;
  title: string;
  actions?: ComponentChildren;
  children: ComponentChildren;
}) {
  const { ctx } = props;
  const user = ctx.user;
  // With no saved choice ('auto') this posts 'dark'; app.js corrects it when the device is dark.
  const nextTheme = user?.theme === 'dark' ? 'light' : 'dark';
  return (
    <Document ctx={ctx} title={props.title} bodyClass="admin">
      <input type="checkbox" id="nav-open" class="nav-open" aria-hidden="true" />
      <aside class="sidebar" id="sidebar">
        <div class="sidebar-head">
          <a class="brand" href="/admin">
            <Icon name="gate" class="brand-mark" />
            <span class="brand-name">Tollgate</span>
          </a>
          <label for="nav-open" class="icon-button nav-close" aria-label="Close menu" title="Close menu">
            <Icon name="close" />
          </label>
        </div>
        <nav aria-label="Main">
          {navSections.map((section) => (
            <div class="nav-section">
              <div class="nav-title">{section.title}</div>
              {section.items.map((item) => (
                <a
                  href={item.href}
                  class={isActive(ctx.path, item.href) ? 'nav-link active' : 'nav-link'}
                  aria-current={isActive(ctx.path, item.href) ? 'page' : undefined}
                  title={item.label}
                >
                  <Icon name={item.icon} />
                  <span class="nav-label">{item.label}</span>
                </a>
              ))}
            </div>
          ))}
        </nav>
        {user && (
          <div class="sidebar-account">
            <AccountActions user={user} csrfToken={ctx.csrfToken} logoutTestId="drawer-logout" />
          </div>
        )}
        <div class="sidebar-foot">
          <button
            type="button"
            class="icon-button collapse-toggle"
            data-collapse-sidebar
            aria-label="Collapse sidebar"
            aria-pressed="false"
            title="Collapse sidebar"
          >
            <Icon name="collapse" />
          </button>
        </div>
      </aside>
      <label for="nav-open" class="nav-scrim" aria-hidden="true" />
      <div class="main">
        <header class="topbar">
          <label for="nav-open" class="icon-button nav-burger" aria-label="Open menu">
            <Icon name="menu" />
          </label>
          <h1 class="page-title">{props.title}</h1>
          {props.actions && <div class="page-actions">{props.actions}</div>}
          <div class="topbar-actions">
            <form
              method="post"
              action="/admin/preferences/theme"
              class="inline-form theme-toggle"
              hx-post="/admin/preferences/theme"
              hx-swap="none"
              data-theme-toggle
            >
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <input type="hidden" name="theme" value={nextTheme} />
              {/* Both icons are sent; app.css shows the one for the theme this button switches to. */}
              <button
                type="submit"
                class="icon-button"
                aria-label="Switch light or dark theme"
                title="Switch light or dark theme"
                data-testid="theme-toggle"
              >
                <Icon name="moon" class="icon theme-icon-moon" />
                <Icon name="sun" class="icon theme-icon-sun" />
              </button>
            </form>
            {user && (
              <details class="account-menu">
                <summary class="account-summary">
                  <span class="avatar" aria-hidden="true">
                    {user.name.slice(0, 1).toUpperCase()}
                  </span>
                  <span class="account-name">{user.name}</span>
                </summary>
                <div class="menu">
                  <AccountActions user={user} csrfToken={ctx.csrfToken} logoutTestId="logout" />
                </div>
              </details>
            )}
          </div>
        </header>
        <main class="content" id="content">
          {props.children}
        </main>
      </div>
      <Toasts flash={ctx.flash} />
    </Document>
  );
}
