import type { ComponentChildren } from 'preact';

/** The head of a detail page: title, badges and actions. */
export function DetailHeader(props: {
  title: string;
  subtitle?: string;
  badges?: ComponentChildren;
  actions?: ComponentChildren;
}) {
  return (
    <div class="detail-header">
      <div>
        <h2 class="detail-title">
          {props.title} {props.badges}
        </h2>
        {props.subtitle && <div class="muted">{props.subtitle}</div>}
      </div>
      {props.actions && <div class="detail-actions">{props.actions}</div>}
    </div>
  );
}

/** Label/value pairs of a record. */
export function Facts(props: { items: [string, ComponentChildren][] }) {
  return (
    <dl class="facts">
      {props.items.map(([label, value]) => (
        <div class="fact">
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function Card(props: { title?: string; children: ComponentChildren; class?: string }) {
  return (
    <section class={`card ${props.class ?? ''}`}>
      {props.title && <h3 class="card-title">{props.title}</h3>}
      {props.children}
    </section>
  );
}

export function Badge(props: { kind: string; children: ComponentChildren }) {
  return <span class={`badge ${props.kind}`}>{props.children}</span>;
}
