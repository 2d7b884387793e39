import type { ComponentChildren } from 'preact';
import type { PageContext } from '../page-context.js';

const htmxConfig = JSON.stringify({
  includeIndicatorStyles: false,
  allowEval: false,
  allowScriptTags: false,
  historyCacheSize: 0,
});

/** The HTML document around every page: our own CSS and scripts only, the theme on <html>. */
export function Document(props: {
  ctx: PageContext;
  title: string;
  children: ComponentChildren;
  bodyClass?: string;
}) {
  const { ctx } = props;
  return (
    <html lang="en" data-theme={ctx.user?.theme ?? 'auto'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="htmx-config" content={htmxConfig} />
        <title>{`${props.title} · Tollgate`}</title>
        <link rel="icon" href={ctx.assets['favicon.svg']} type="image/svg+xml" />
        <link rel="stylesheet" href={ctx.assets['app.css']} />
        <script src={ctx.assets['htmx.min.js']} defer />
        <script src={ctx.assets['app.js']} defer />
      </head>
      <body class={props.bodyClass} hx-headers={JSON.stringify({ 'x-csrf-token': ctx.csrfToken })}>
        {props.children}
      </body>
    </html>
  );
}
