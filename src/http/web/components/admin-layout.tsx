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
  const nextTheme = user?.theme === 'dark' ? 'light' : 'dark';
  return (
    <Document ctx={ctx} title={props.title} bodyClass="admin">
      <input type="checkbox" id="nav-open" class="nav-open" aria-hidden="true" />
      <aside class="sidebar" id="sidebar">
        <a class="brand" href="/admin">
          <Icon name="gate" class="brand-mark" />
          <span class="brand-name">Tollgate</span>
        </a>
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
        <button
          type="button"
          class="collapse-toggle"
          data-collapse-sidebar
          aria-label="Collapse sidebar"
          title="Collapse sidebar"
        >
          «
        </button>
      </aside>
      <label for="nav-open" class="nav-scrim" aria-hidden="true" />
      <div class="main">
        <header class="topbar">
          <label for="nav-open" class="icon-button nav-burger" aria-label="Open menu">
            <Icon name="menu" />
          </label>
          <h1 class="page-title">{props.title}</h1>
          <div class="topbar-actions">
            {props.actions}
            <form
              method="post"
              action="/admin/preferences/theme"
              class="inline-form"
              hx-post="/admin/preferences/theme"
              hx-swap="none"
              data-theme-toggle
            >
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <input type="hidden" name="theme" value={nextTheme} />
              <button
                type="submit"
                class="icon-button"
                aria-label="Switch light or dark theme"
                title="Switch light or dark theme"
                data-testid="theme-toggle"
              >
                <Icon name="moon" />
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
                  <div class="menu-head">
                    <div>{user.email}</div>
                    <span class={`badge role-${user.role}`}>{user.role}</span>
                  </div>
                  <a href="/admin/account" class="menu-item">
                    <Icon name="account" /> Account
                  </a>
                  <form method="post" action="/logout">
                    <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                    <button type="submit" class="menu-item" data-testid="logout">
                      <Icon name="logout" /> Sign out
                    </button>
                  </form>
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
