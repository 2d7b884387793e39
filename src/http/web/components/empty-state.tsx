import type { ComponentChildren } from 'preact';

/** What a page shows when there is nothing yet, saying what to do next. */
export function EmptyState(props: {
  title: string;
  children?: ComponentChildren;
  action?: { href: string; label: string } | undefined;
}) {
  return (
    <div class="empty-state">
      <div class="empty-title">{props.title}</div>
      {props.children && <div class="empty-body">{props.children}</div>}
      {props.action && (
        <a class="button" href={props.action.href}>
          {props.action.label}
        </a>
      )}
    </div>
  );
}
