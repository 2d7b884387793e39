/**
 * Reading server-rendered pages as a person sees them: the text, the toast after a redirect, and the
 * error under a form field.
 */

const unescape = (html: string) =>
  html
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');

/** The page's text with tags dropped and whitespace collapsed to single spaces. */
export const pageText = (html: string) =>
  unescape(html.replace(/<[^>]+>/g, ' '))
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ');

/** The flash message shown as a toast, or '' when there is none. */
export const toastText = (html: string) =>
  pageText(/<div class="toast [^"]*">([^<]*)<\/div>/.exec(html)?.[1] ?? '');

/** The error shown under the form field `name` (dots allowed, e.g. `lines.1.unitAmount`), or undefined when none. */
export const fieldErrorText = (html: string, name: string) =>
  pageText(new RegExp(`id="field-${name.replaceAll('.', '\\.')}-error">([^<]*)<`).exec(html)?.[1] ?? '') ||
  undefined;
