import { formatMoney } from '../../lib/money.js';
import type { InvoiceDocument } from './invoice-document.js';

/** Money, numbers and dates written the way the document's locale and time zone write them. */
export interface DocumentFormat {
  money(amount: bigint): string;
  quantity(value: number): string;
  date(value: Date): string;
  dateRange(start: Date, end: Date): string;
}

export function documentFormat(doc: InvoiceDocument): DocumentFormat {
  const dates = new Intl.DateTimeFormat(doc.locale, { dateStyle: 'medium', timeZone: doc.timeZone });
  const numbers = new Intl.NumberFormat(doc.locale, { maximumFractionDigits: 4 });
  return {
    money: (amount) => formatMoney({ amount, currency: doc.currency }, doc.locale),
    quantity: (value) => numbers.format(value),
    date: (value) => dates.format(value),
    dateRange: (start, end) => dates.formatRange(start, end),
  };
}
