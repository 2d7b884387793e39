import type { TestClock } from '../../../../modules/test-clocks/index.js';
import { Card } from '../../components/detail.js';
import { Field, FormAlert, PostForm, type FormState } from '../../components/form.js';
import { inputFromDate } from '../../date-time-input.js';
import { advanceSteps } from './advance-steps.js';

/** Moves the clock forward: one calendar step at a click, or to a chosen time. */
export function AdvanceCard(props: { clock: TestClock; csrfToken: string; form: FormState }) {
  const { clock, form } = props;
  const action = `/admin/test-clocks/${clock.id}/advance#advance`;
  return (
    <Card title="Advance">
      <div id="advance" class="form-anchor stack">
        <p class="muted">
          Everything that falls due on the way runs in time order: renewals, trial ends, booked cancellations
          and plan changes, resumes, and the invoices for each period.
        </p>
        <FormAlert message={form.message} />
        <PostForm action={action} csrfToken={props.csrfToken}>
          <div class="form-actions">
            {advanceSteps.map((step) => (
              <button type="submit" name="step" value={step.unit} class="button secondary">
                {step.label}
              </button>
            ))}
          </div>
        </PostForm>
        <PostForm action={action} csrfToken={props.csrfToken}>
          <Field
            label="Or advance to (UTC)"
            name="to"
            type="datetime-local"
            form={form}
            value={inputFromDate(clock.frozenAt)}
            hint="At most five years ahead in one go."
          />
          <div class="form-actions">
            <button type="submit" class="button">
              Advance
            </button>
          </div>
        </PostForm>
      </div>
    </Card>
  );
}
