import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { validationError } from '../../../../lib/app-error.js';
import { roleAtLeast } from '../../../../modules/auth/index.js';
import { customerBalances, type CustomerBalance } from '../../../../modules/balances/index.js';
import {
  getCustomer,
  identityProviders,
  linkIdentity,
  listCustomers,
  mergeCustomers,
  unlinkIdentity,
  type CustomerWithIdentities,
} from '../../../../modules/customers/index.js';
import { attributeReferral } from '../../../../modules/referrals/index.js';
import { createSubscription } from '../../../../modules/subscriptions/index.js';
import { requireRole } from '../../../plugins/auth-guard.js';
import { actorOf } from '../../../request-auth.js';
import type { AppServices } from '../../../services.js';
import { AdminLayout } from '../../components/admin-layout.js';
import { Badge, Card, DetailHeader, Facts } from '../../components/detail.js';
import { Field, FormAlert, PostForm, SelectField } from '../../components/form.js';
import { TimelineCard, type TimelineItem } from '../../components/timeline.js';
import { setFlash } from '../../flash.js';
import { formStateOf, formValues, refusedForm, refusedStatus, type RefusedForm } from '../../form-state.js';
import { formatDateTime } from '../../format.js';
import { pageContext, type PageContext } from '../../page-context.js';
import { sendPage } from '../../render.js';
import { auditTimeline } from '../audit-timeline.js';
import { CustomerBalanceCard } from '../balances/customer-balance-card.js';
import { CustomerCredits, loadCreditBalances } from '../credits/customer-credits.js';
import { CustomerInvoices, loadCustomerInvoices } from '../invoices/customer-invoices.js';
import {
  CustomerReferralsCard,
  loadCustomerReferrals,
  type CustomerReferralsData,
} from '../referrals/customer-referrals-card.js';
import {
  CustomerSubscriptions,
  loadCustomerSubscriptions,
  type CustomerSubscriptionsData,
} from '../subscriptions/customer-subscriptions.js';

type FailedForm = RefusedForm<'link' | 'merge' | 'subscribe' | 'referral'>;

interface DetailProps {
  ctx: PageContext;
  customer: CustomerWithIdentities;
  subscriptions: CustomerSubscriptionsData;
  invoices: Awaited<ReturnType<typeof loadCustomerInvoices>>;
  referrals: CustomerReferralsData | null;
  balances: CustomerBalance[];
  credits: Awaited<ReturnType<typeof loadCreditBalances>>;
  timeline: TimelineItem[];
  failed?: FailedForm | undefined;
}

function address(customer: CustomerWithIdentities): string {
  const parts = [
    customer.addressLine1,
    customer.addressLine2,
    [customer.postalCode, customer.city].filter(Boolean).join(' '),
    customer.region,
    customer.country,
  ];
  return parts.filter(Boolean).join(', ') || '—';
}

function LinkedAccounts(props: DetailProps & { canEdit: boolean }) {
  const { customer, ctx } = props;
  const form = formStateOf(props.failed, 'link');
  return (
    <Card title="Linked accounts">
      {customer.identities.length === 0 ? (
        <p class="muted">No Discord, Plex, Jellyfin or payment accounts linked yet.</p>
      ) : (
        <table>
          <tbody>
            {customer.identities.map((identity) => (
              <tr>
                <td>{identity.provider}</td>
                <td>
                  <code>{identity.externalId}</code>{' '}
                  {identity.label && <span class="muted">{identity.label}</span>}
                </td>
                <td class="nowrap">
                  {props.canEdit && (
                    <PostForm
                      action={`/admin/customers/${customer.id}/identities/${identity.id}/delete`}
                      csrfToken={ctx.csrfToken}
                      class="inline-form"
                    >
                      <button type="submit" class="button secondary small">
                        Unlink
                      </button>
                    </PostForm>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.canEdit && !customer.mergedIntoId && (
        <PostForm action={`/admin/customers/${customer.id}/identities`} csrfToken={ctx.csrfToken}>
          <FormAlert message={form.message} />
          <div class="form-row">
            <SelectField
              label="Service"
              name="provider"
              form={form}
              options={identityProviders.map((provider) => ({ value: provider, label: provider }))}
            />
            <Field label="Account id or name" name="externalId" form={form} required />
            <Field label="Label (optional)" name="label" form={form} />
          </div>
          <button type="submit" class="button secondary">
            Link account
          </button>
        </PostForm>
      )}
    </Card>
  );
}

function CustomerDetailPage(props: DetailProps) {
  const { ctx, customer } = props;
  const canEdit = ctx.user !== null && roleAtLeast(ctx.user.role, 'support') && !customer.mergedIntoId;
  const canMerge = ctx.user !== null && roleAtLeast(ctx.user.role, 'manager') && !customer.mergedIntoId;
  const merge = formStateOf(props.failed, 'merge');
  return (
    <AdminLayout ctx={ctx} title="Customer">
      <DetailHeader
        title={customer.name}
        subtitle={customer.email}
        actions={
          canEdit ? (
            <a class="button secondary" href={`/admin/customers/${customer.id}/edit`}>
              Edit
            </a>
          ) : undefined
        }
        badges={
          customer.mergedIntoId ? (
            <Badge kind="warn">merged</Badge>
          ) : (
            <>
              {customer.testClockId && <Badge kind="warn">sandbox</Badge>}
              {customer.tags.map((tag) => (
                <Badge kind="tag">{tag}</Badge>
              ))}
            </>
          )
        }
      />
      {customer.testClockId && (
        <p class="muted">
          Sandbox customer: lives at the time of{' '}
          <a href={`/admin/test-clocks/${customer.testClockId}`}>its test clock</a>, not real time.
        </p>
      )}
      {customer.mergedIntoId && (
        <FormAlert
          kind="info"
          message="This record was merged into another customer and is kept for history only."
        />
      )}
      {customer.mergedIntoId && (
        <p>
          <a href={`/admin/customers/${customer.mergedIntoId}`}>Open the customer it was merged into →</a>
        </p>
      )}
      <div class="grid-2">
        <div class="stack">
          <Card title="Details">
            <Facts
              items={[
                ['Currency', customer.currency],
                ['Language', customer.locale],
                ['Time zone', customer.timeZone],
                ['Address', address(customer)],
                ['Tax id', customer.taxId ?? '—'],
                ['Added', formatDateTime(customer.createdAt)],
                ['Notes', customer.notes ? <span class="pre-line">{customer.notes}</span> : '—'],
              ]}
            />
          </Card>
          <CustomerSubscriptions
            customer={customer}
            data={props.subscriptions}
            csrfToken={ctx.csrfToken}
            canSubscribe={canEdit}
            form={formStateOf(props.failed, 'subscribe')}
          />
          <CustomerInvoices customer={customer} invoices={props.invoices} canCreate={canEdit} />
          <CustomerBalanceCard customerId={customer.id} locale={customer.locale} balances={props.balances} />
          <CustomerCredits customer={customer} balances={props.credits} />
          {props.referrals && (
            <CustomerReferralsCard
              customerId={customer.id}
              data={props.referrals}
              csrfToken={ctx.csrfToken}
              canAttribute={canEdit}
              form={formStateOf(props.failed, 'referral')}
            />
          )}
          <LinkedAccounts {...props} canEdit={canEdit} />
          {canMerge && (
            <Card title="Merge a duplicate">
              <p class="muted">
                If this customer is a duplicate, merge it into the one to keep: linked accounts, tags and
                notes move over, and this record stays for history.
              </p>
              <FormAlert message={merge.message} />
              <PostForm action={`/admin/customers/${customer.id}/merge`} csrfToken={ctx.csrfToken}>
                <Field label="Email of the customer to keep" name="into" type="email" form={merge} required />
                <button type="submit" class="button danger">
                  Merge into that customer
                </button>
              </PostForm>
            </Card>
          )}
        </div>
        <TimelineCard items={props.timeline} />
      </div>
    </AdminLayout>
  );
}

/** Finds the customer to keep by the email typed into the merge form. */
async function customerIdByEmail(services: AppServices, email: string): Promise<string> {
  const wanted = email.trim().toLowerCase();
  const { rows } = await listCustomers(services.db, {
    search: wanted,
    sort: 'email',
    direction: 'asc',
    page: 1,
    pageSize: 10,
  });
  const match = rows.find((row) => row.email === wanted);
  if (!match) throw validationError({ into: 'no active customer has this email' });
  return match.id;
}

/** GET /admin/customers/:id and its actions: link/unlink accounts, merge, subscribe, record a referral. */
export function registerCustomerDetailRoutes(app: FastifyInstance, services: AppServices): void {
  type Params = { Params: { id: string; identityId?: string } };
  const render = async (request: FastifyRequest, reply: FastifyReply, id: string, failed?: FailedForm) => {
    const [customer, timeline, balances] = await Promise.all([
      getCustomer(services.db, id),
      auditTimeline(services.db, 'customer', id),
      customerBalances(services.db, id),
    ]);
    const subscriptions = await loadCustomerSubscriptions(services, customer);
    const invoices = await loadCustomerInvoices(services, customer.id);
    const referrals = await loadCustomerReferrals(services, customer);
    const credits = await loadCreditBalances(services, customer);
    return sendPage(
      reply,
      <CustomerDetailPage
        ctx={pageContext(request, reply, services.assets)}
        customer={customer}
        subscriptions={subscriptions}
        invoices={invoices}
        referrals={referrals}
        balances={balances}
        credits={credits}
        timeline={timeline}
        failed={failed}
      />,
      refusedStatus(failed),
    );
  };

  /** Runs a form's action; on an expected refusal, shows the page again with that form's errors. */
  const handle = (
    path: string,
    name: FailedForm['name'],
    role: 'support' | 'manager',
    action: (request: FastifyRequest<Params>, values: Record<string, string>) => Promise<string>,
  ) =>
    app.post<Params>(path, { preHandler: requireRole(role) }, async (request, reply) => {
      const values = formValues(request.body);
      try {
        setFlash(reply, { kind: 'success', text: await action(request, values) });
      } catch (error) {
        return render(request, reply, request.params.id, refusedForm(name, error, values));
      }
      return reply.code(303).redirect(`/admin/customers/${request.params.id}`);
    });

  app.get<Params>('/admin/customers/:id', { preHandler: requireRole('viewer') }, async (request, reply) =>
    render(request, reply, request.params.id),
  );

  handle('/admin/customers/:id/identities', 'link', 'support', async (request, values) => {
    await linkIdentity(
      services.customers,
      request.params.id,
      {
        provider: (values['provider'] ?? '') as never,
        externalId: values['externalId'] ?? '',
        label: values['label'] ?? null,
      },
      actorOf(request),
    );
    return 'Account linked.';
  });

  handle('/admin/customers/:id/merge', 'merge', 'manager', async (request, values) => {
    const keepId = await customerIdByEmail(services, values['into'] ?? '');
    await mergeCustomers(services.customers, request.params.id, keepId, actorOf(request));
    return 'Merged. This record now points to the customer that was kept.';
  });

  handle('/admin/customers/:id/subscriptions', 'subscribe', 'support', async (request, values) => {
    const subscription = await createSubscription(
      services.subscriptions,
      {
        customerId: request.params.id,
        planId: values['planId'] ?? '',
        skipTrial: values['trial'] === 'skip',
      },
      actorOf(request),
    );
    return subscription.state === 'trialing' ? 'Subscribed; the trial has started.' : 'Subscribed.';
  });

  handle('/admin/customers/:id/referral', 'referral', 'support', async (request, values) => {
    await attributeReferral(
      services.referrals,
      request.params.id,
      { code: values['code'] ?? '' },
      actorOf(request),
    );
    return 'Referral recorded.';
  });

  app.post<Params>(
    '/admin/customers/:id/identities/:identityId/delete',
    { preHandler: requireRole('support') },
    async (request, reply) => {
      await unlinkIdentity(
        services.customers,
        request.params.id,
        request.params.identityId ?? '',
        actorOf(request),
      );
      setFlash(reply, { kind: 'success', text: 'Account unlinked.' });
      return reply.code(303).redirect(`/admin/customers/${request.params.id}`);
    },
  );
}
