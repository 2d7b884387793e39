import type { Clock } from '../../lib/clock.js';
import type { InvoiceSettlementListener } from '../invoicing/index.js';
import { reverseRefundedReward } from './reverse-referral.js';
import { rewardFirstPayment } from './reward-referral.js';

/** What referrals do as invoices settle; app.ts hands it to invoicing. */
export function referralSettlementListener(clock: Clock): InvoiceSettlementListener {
  return {
    paid: (tx, event) => rewardFirstPayment(tx, clock, event),
    credited: (tx, event) => reverseRefundedReward(tx, clock, event),
  };
}
