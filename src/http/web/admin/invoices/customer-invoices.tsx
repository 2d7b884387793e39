import type { Customer } from '../../../../modules/customers/index.js';
import { listInvoices, type Invoice } from '../../../../modules/invoicing/index.js';
import type { AppServices } from '../../../services.js';
import { Card } from '../../components/detail.js';
import { formatDate } from '../../format.js';
import { InvoiceStatusBadge, invoiceMoney, invoiceName } from './invoice-labels.js';

const shown = 10;

/** The customer's latest invoices, for the card on their page. */
export async function loadCustomerInvoices(services: AppServices, customerId: string) {
  return listInvoices(services.db, { customerId, page: 1, pageSize: shown });
}

/** The customer page's card: latest invoices, the way to all of them and to a new one. */
export function CustomerInvoices(props: {
  customer: Customer;
  invoices: { rows: Invoice[]; total: number };
  canCreate: boolean;
}) {
  const { customer, invoices } = props;
  return (
    <Card title="Invoices">
      {invoices.rows.length === 0 ? (
        <p class="muted">No invoices yet.</p>
      ) : (
        <div class="table-scroll">
          <table id="customer-invoices">
            <tbody>
              {invoices.rows.map((invoice) => (
                <tr>
                  <td data-label="Number" class="nowrap">
                    <a href={`/admin/invoices/${invoice.id}`}>{invoiceName(invoice)}</a>
                  </td>
                  <td data-label="Status">
                    <InvoiceStatusBadge status={invoice.status} />
                  </td>
                  <td data-label="Total" class="nowrap">
                    {invoiceMoney(invoice.total, invoice.currency, customer.locale)}
                  </td>
                  <td data-label="Created" class="nowrap">
                    {formatDate(invoice.createdAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div class="form-actions">
        {invoices.total > 0 && (
          <a class="button secondary small" href={`/admin/invoices?customer=${customer.id}`}>
            All {invoices.total} invoices
          </a>
        )}
        {props.canCreate && (
          <a class="button secondary small" href={`/admin/invoices/new?customerId=${customer.id}`}>
            New invoice
          </a>
        )}
      </div>
    </Card>
  );
}
