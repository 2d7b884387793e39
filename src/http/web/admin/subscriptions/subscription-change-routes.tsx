import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../../../lib/app-error.js';
import { getCustomer } from '../../../../modules/customers/index.js';
import {
  commitChange,
  previewChange,
  stepTotal,
  type SubscriptionStep,
} from '../../../../modules/subscriptions/index.js';
import { httpStatusByCode } from '../../../errors.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import { actorOf } from '../../../request-auth.js';
import type { AppServices } from '../../../services.js';
import { setFlash } from '../../flash.js';
import { formValues, refusedForm } from '../../form-state.js';
import { describeAction } from '../audit-labels.js';
import { changeKind, type ChangeKind } from './change-kinds.js';
import { renderSubscriptionPage } from './subscription-page.js';
import { moneyLabel } from './subscription-labels.js';

type Params = { Params: { id: string; kind: string } };

function kindOf(key: string): ChangeKind {
  const kind = changeKind(key);
  if (!kind) throw new AppError('not_found', 'No such change.');
  return kind;
}

/** "Subscription plan changed: Upgraded to Pro × 2. Charged $5.00." for the message after a change. */
async function doneText(services: AppServices, step: SubscriptionStep): Promise<string> {
  const done = `${describeAction(`subscription.${step.action ?? 'changed'}`)}: ${step.reason}.`;
  const [first] = step.charges;
  if (!first) return done;
  const { locale } = await getCustomer(services.db, step.after.customerId);
  const total = stepTotal(step);
  const money = moneyLabel(total < 0n ? -total : total, first.currency, locale);
  return `${done} ${total < 0n ? 'Credited' : 'Charged'} ${money}.`;
}

/**
 * POST /admin/subscriptions/:id/changes/:kind/preview shows what a change would do (writing
 * nothing); POST /admin/subscriptions/:id/changes/:kind makes it. The confirm form carries the
 * previewed inputs and the preview's instant (`quotedAt`), so the commit is that preview exactly.
 * A refusal shows the page again with the form's errors and changes nothing.
 */
export function registerSubscriptionChangeRoutes(app: FastifyInstance, services: AppServices): void {
  const refused = (
    request: FastifyRequest<Params>,
    reply: FastifyReply,
    kind: ChangeKind,
    error: unknown,
    values: Record<string, string>,
  ) => {
    const { state } = refusedForm(kind.key, error, values);
    return renderSubscriptionPage(
      services,
      request,
      reply,
      request.params.id,
      { change: { key: kind.key, values, refused: state } },
      httpStatusByCode[state.code],
    );
  };

  app.post<Params>(
    '/admin/subscriptions/:id/changes/:kind/preview',
    { preHandler: requireRole('support') },
    async (request, reply) => {
      const kind = kindOf(request.params.kind);
      const values = formValues(request.body);
      let preview: SubscriptionStep;
      try {
        preview = await previewChange(
          services.subscriptions,
          request.params.id,
          kind.change,
          kind.input(values),
        );
      } catch (error) {
        return refused(request, reply, kind, error, values);
      }
      return renderSubscriptionPage(services, request, reply, request.params.id, {
        change: { key: kind.key, values, preview },
      });
    },
  );

  app.post<Params>(
    '/admin/subscriptions/:id/changes/:kind',
    { preHandler: requireRole('support') },
    async (request, reply) => {
      const kind = kindOf(request.params.kind);
      const { reason, quotedAt, ...values } = formValues(request.body);
      try {
        const step = await commitChange(
          services.subscriptions,
          request.params.id,
          kind.change,
          { ...kind.input(values), reason, quotedAt: quotedAt || undefined },
          actorOf(request),
        );
        setFlash(reply, { kind: 'success', text: await doneText(services, step) });
      } catch (error) {
        return refused(request, reply, kind, error, values);
      }
      return reply.code(303).redirect(`/admin/subscriptions/${request.params.id}`);
    },
  );
}
