import { creditBalances, type UnitBalance } from '../../../../modules/credits/index.js';
import type { Customer } from '../../../../modules/customers/index.js';
import { timeFor } from '../../../../modules/test-clocks/index.js';
import type { AppServices } from '../../../services.js';
import { Card } from '../../components/detail.js';
import { formatCount } from '../../format.js';

/** The customer's credits per unit as spendable now, in their time (a sandbox customer's clock). */
export async function loadCreditBalances(services: AppServices, customer: Customer): Promise<UnitBalance[]> {
  const at = await timeFor(services.db, customer.testClockId, services.clock.now());
  return creditBalances(services.db, customer.id, at);
}

/** The customer page's card: each unit's balance, and the way to the credits page. */
export function CustomerCredits(props: { customer: Customer; balances: UnitBalance[] }) {
  return (
    <Card title="Credits">
      {props.balances.length === 0 ? (
        <p class="muted">No credits yet.</p>
      ) : (
        <table id="customer-credits">
          <tbody>
            {props.balances.map((unit) => (
              <tr>
                <td data-label="Unit">{unit.unit}</td>
                <td data-label="Balance" class="nowrap">
                  {formatCount(unit.balance)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="form-actions">
        <a class="button secondary small" href={`/admin/customers/${props.customer.id}/credits`}>
          Credits and history
        </a>
      </div>
    </Card>
  );
}
