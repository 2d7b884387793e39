import { findCustomers, type Customer } from '../../../../modules/customers/index.js';
import { customerReferrals, type CustomerReferrals } from '../../../../modules/referrals/index.js';
import type { AppServices } from '../../../services.js';
import { Card, Facts } from '../../components/detail.js';
import { Field, FormAlert, PostForm, type FormState } from '../../components/form.js';
import { formatDate } from '../../format.js';
import { outcomeLabel, ReferralStatusBadge } from './referral-labels.js';

export interface CustomerReferralsData extends CustomerReferrals {
  names: Map<string, Customer>;
}

/** A customer's code and link, who referred them and whom they referred; none for a merged record. */
export async function loadCustomerReferrals(
  services: AppServices,
  customer: Customer,
): Promise<CustomerReferralsData | null> {
  if (customer.mergedIntoId) return null;
  const data = await customerReferrals(services.referrals, customer.id);
  const ids = [data.referredBy?.referrerId ?? '', ...data.referred.map((referral) => referral.referredId)];
  return { ...data, names: await findCustomers(services.db, ids) };
}

const nameOf = (data: CustomerReferralsData, id: string) => (
  <a href={`/admin/customers/${id}`}>{data.names.get(id)?.name ?? 'Customer'}</a>
);

/** The Referrals card of a customer's page, with the form to record who referred them. */
export function CustomerReferralsCard(props: {
  customerId: string;
  data: CustomerReferralsData;
  csrfToken: string;
  canAttribute: boolean;
  form: FormState;
}) {
  const { data, form } = props;
  return (
    <Card title="Referrals">
      <Facts
        items={[
          ['Referral code', <code>{data.code}</code>],
          ['Referral link', <a href={data.link}>{data.link}</a>],
          [
            'Referred by',
            data.referredBy ? (
              <>
                {nameOf(data, data.referredBy.referrerId)}{' '}
                <ReferralStatusBadge status={data.referredBy.status} />
              </>
            ) : (
              'Nobody'
            ),
          ],
          [
            'Referred',
            `${data.stats.referred} ${data.stats.referred === 1 ? 'customer' : 'customers'}, ${data.stats.rewarded} rewarded`,
          ],
        ]}
      />
      {data.referred.length > 0 && (
        <table>
          <tbody>
            {data.referred.map((referral) => (
              <tr>
                <td>{nameOf(data, referral.referredId)}</td>
                <td>
                  <ReferralStatusBadge status={referral.status} />
                </td>
                <td>{outcomeLabel(referral)}</td>
                <td class="nowrap">{formatDate(referral.attributedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {props.canAttribute && !data.referredBy && (
        <PostForm action={`/admin/customers/${props.customerId}/referral`} csrfToken={props.csrfToken}>
          <FormAlert message={form.message} />
          <Field label="Referred by (their referral code)" name="code" form={form} required />
          <button type="submit" class="button secondary">
            Record referral
          </button>
        </PostForm>
      )}
    </Card>
  );
}
