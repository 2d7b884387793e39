/** Reading server-rendered pages as a person sees them: the text, and the toast after a redirect. */

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
