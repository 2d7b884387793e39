import type { Flash } from '../flash.js';

/** Messages that confirm or warn after an action; app.js fades them out. */
export function Toasts(props: { flash: Flash | undefined }) {
  return (
    <div id="toasts" class="toasts" role="status" aria-live="polite">
      {props.flash && <div class={`toast toast-${props.flash.kind}`}>{props.flash.text}</div>}
    </div>
  );
}
