import type { AuditEvent } from '../../../../modules/audit/index.js';
import type { AppServices } from '../../../services.js';
import type { TimelineItem } from '../../components/timeline.js';
import { describeChanges } from '../audit-labels.js';
import { auditTimeline } from '../audit-timeline.js';
import { billingLabel, kindLabels, priceLabel } from './catalog-labels.js';

/** "USD 999" (how the audit log keeps money) → "$9.99"; anything else is left as it is. */
function money(currency: string, minorUnits: unknown): string {
  try {
    return priceLabel({ currency, amount: BigInt(String(minorUnits)) });
  } catch {
    return `${currency} ${String(minorUnits)}`;
  }
}

const asRecord = (value: unknown) => (value ?? {}) as Record<string, unknown>;

/** The audit log keeps an interval as "3 month" (or "one time" for a plan): "every 3 months". */
function intervalLabel(kept: unknown): string {
  const interval = typeof kept === 'string' ? /^(\d+) (day|week|month|year)$/.exec(kept) : null;
  if (!interval) return typeof kept === 'string' ? kept : '';
  return billingLabel({ intervalCount: Number(interval[1]), intervalUnit: interval[2] as 'month' });
}

/** A short line about a catalog change: money in currency format rather than minor units. */
function detailOf(event: AuditEvent): string | undefined {
  const after = asRecord(event.after);
  if (event.action === 'plan.price_set') {
    const currency = Object.keys(after).find((key) => /^[A-Z]{3}$/.test(key));
    if (!currency) return describeChanges(event.before, event.after);
    const before = asRecord(event.before);
    const from = before[currency] === undefined ? '' : `${money(currency, before[currency])} → `;
    const fee =
      after['setupFee'] && after['setupFee'] !== '0'
        ? `, setup fee ${money(currency, after['setupFee'])}`
        : '';
    return `${currency}: ${from}${money(currency, after[currency])}${fee} (version ${String(after['version'])})`;
  }
  if (event.action === 'plan.created') {
    const listed = typeof after['prices'] === 'string' ? after['prices'] : '';
    const prices = listed
      .split(', ')
      .filter(Boolean)
      .map((price) => {
        const [currency = '', amount] = price.split(' ');
        return money(currency, amount);
      });
    return [after['code'], intervalLabel(after['interval']), ...prices]
      .filter(Boolean)
      .map(String)
      .join(' · ');
  }
  if (event.action === 'addon.price_set') {
    const currency = Object.keys(after).find((key) => /^[A-Z]{3}$/.test(key));
    if (!currency) return describeChanges(event.before, event.after);
    const before = asRecord(event.before);
    const from = before[currency] === undefined ? '' : `${money(currency, before[currency])} → `;
    const price = money(currency, after[currency]);
    return `${currency} ${intervalLabel(after['interval'])}: ${from}${price} (version ${String(after['version'])})`;
  }
  if (event.action === 'addon.created') {
    const listed = typeof after['prices'] === 'string' ? after['prices'] : '';
    // Kept as "USD 3 month 1100" each.
    const prices = listed
      .split(', ')
      .filter(Boolean)
      .map((price) => {
        const [currency = '', count, unit, amount] = price.split(' ');
        return `${money(currency, amount)} ${intervalLabel(`${count} ${unit}`)}`;
      });
    const quantity = typeof after['maxQuantity'] === 'number' && after['maxQuantity'] > 1;
    return [
      after['code'],
      typeof after['group'] === 'string' ? `group ${after['group']}` : '',
      quantity ? `up to ${String(after['maxQuantity'])}` : '',
      ...prices,
    ]
      .filter(Boolean)
      .map(String)
      .join(' · ');
  }
  if (event.action === 'product.created') {
    const kind = kindLabels[after['kind'] as keyof typeof kindLabels] ?? String(after['kind']);
    return `${String(after['name'])} · ${kind}`;
  }
  if (event.action.endsWith('.archived') || event.action.endsWith('.restored')) return undefined;
  return describeChanges(event.before, event.after);
}

/** What happened to a product, plan or add-on, newest first, from the audit log. */
export function catalogTimeline(
  services: AppServices,
  entityType: 'product' | 'plan' | 'addon',
  entityId: string,
): Promise<TimelineItem[]> {
  return auditTimeline(services.db, entityType, entityId, detailOf);
}
