import type { Clock } from './lib/clock.js';
import { creditPackSettlement } from './modules/credits/index.js';
import type { InvoiceSettlementListener } from './modules/invoicing/index.js';
import { referralSettlementListener } from './modules/referrals/index.js';

/**
 * Who is told, inside the transaction, when an invoice is paid or credited (credit packs are
 * granted, referrals rewarded, and both taken back on refunds). One list for every
 * invoicing context — the API and pages (marked paid, credit notes) and the bill run (an invoice
 * its customer's balance pays in full) — so no way of paying skips one.
 */
export function settlementListeners(clock: Clock): InvoiceSettlementListener[] {
  return [creditPackSettlement(clock), referralSettlementListener(clock)];
}
