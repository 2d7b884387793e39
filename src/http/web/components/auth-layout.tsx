import type { ComponentChildren } from 'preact';
import type { PageContext } from '../page-context.js';
import { Document } from './document.js';
import { Icon } from './icons.js';
import { Toasts } from './toasts.js';

/** A centred card for the pages seen before signing in (setup wizard, sign-in, errors). */
export function AuthLayout(props: {
  ctx: PageContext;
  title: string;
  subtitle?: string;
  children: ComponentChildren;
}) {
  return (
    <Document ctx={props.ctx} title={props.title} bodyClass="auth">
      <main class="auth-card">
        <div class="brand auth-brand">
          <Icon name="gate" class="brand-mark" />
          <span class="brand-name">Tollgate</span>
        </div>
        <h1>{props.title}</h1>
        {props.subtitle && <p class="muted">{props.subtitle}</p>}
        {props.children}
      </main>
      <Toasts flash={props.ctx.flash} />
    </Document>
  );
}
