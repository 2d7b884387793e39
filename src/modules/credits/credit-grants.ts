import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { validationError } from '../../lib/app-error.js';
import type { Clock } from '../../lib/clock.js';
import type { DbOrTx } from '../../lib/db/database.js';
import { customerAccountKey, isUnit, operatorAccountKey, postEntry } from '../ledger/index.js';
import { recheckBalance } from './low-balance.js';
import { creditGrants, type CreditSource } from './schema.js';

export type CreditGrant = typeof creditGrants.$inferSelect;

export interface GrantCreditsInput {
  customerId: string;
  testClockId: string | null;
  unit: string;
  amount: bigint;
  source: CreditSource;
  subscriptionId?: string | null;
  description: string;
  /** When what is left of the grant expires; null: never. */
  expiresAt: Date | null;
  /** What caused it; the same reference grants once (the first grant is answered). */
  sourceRef: string;
  /** When it happened (the customer's time: a test clock's, or real time). */
  at: Date;
}

/** Where newly created credits come from in the operator's books: sold, or given away. */
function issuingAccount(source: CreditSource, unit: string): string {
  return operatorAccountKey(
    source === 'adjustment' || source === 'referral' ? 'credits_promotional' : 'credits_issued',
    unit,
  );
}

/** Subscription period credits are spent before anything else. */
export function spendTierOf(source: CreditSource): number {
  return source === 'subscription' || source === 'rollover' ? 0 : 1;
}

/** The ledger account that holds what is left of one grant. */
export function grantAccountKey(customerId: string, grantId: string, unit: string): string {
  return customerAccountKey(customerId, `lot_${grantId.replaceAll('-', '')}`, unit);
}

/**
 * Records a grant and, unless `fundedBy` says the credits move from other accounts (a rollover),
 * posts the entry that creates them — in the caller's transaction. A repeated `sourceRef` answers
 * the first grant and posts nothing.
 */
export async function recordGrant(
  tx: DbOrTx,
  clock: Clock,
  input: GrantCreditsInput,
  fundedBy: { accountKey: string; amount: bigint }[] | null = null,
): Promise<{ grant: CreditGrant; created: boolean }> {
  if (!isUnit(input.unit))
    throw validationError({
      unit: 'must start with a letter and hold letters, digits, underscores or single spaces (at most 40)',
    });
  if (input.amount <= 0n) throw validationError({ amount: 'must be a whole number above zero' });
  const id = randomUUID();
  const accountKey = grantAccountKey(input.customerId, id, input.unit);
  const [inserted] = await tx
    .insert(creditGrants)
    .values({
      id,
      customerId: input.customerId,
      testClockId: input.testClockId,
      unit: input.unit,
      source: input.source,
      spendTier: spendTierOf(input.source),
      subscriptionId: input.subscriptionId ?? null,
      amount: input.amount,
      description: input.description,
      accountKey,
      sourceRef: input.sourceRef,
      grantedAt: input.at,
      expiresAt: input.expiresAt,
      createdAt: clock.now(),
    })
    .onConflictDoNothing({ target: creditGrants.sourceRef })
    .returning();
  if (!inserted) {
    const [first] = await tx.select().from(creditGrants).where(eq(creditGrants.sourceRef, input.sourceRef));
    if (!first) throw new Error(`grant ${input.sourceRef} vanished`);
    return { grant: first, created: false };
  }
  const sources = fundedBy ?? [
    { accountKey: issuingAccount(input.source, input.unit), amount: input.amount },
  ];
  await postEntry(tx, clock, {
    kind: `credits.${input.source}`,
    description: input.description,
    occurredAt: input.at,
    sourceRef: `credit_grant:${input.sourceRef}`,
    lines: [
      { accountKey, amount: input.amount, unit: input.unit },
      ...sources.map((source) => ({
        accountKey: source.accountKey,
        amount: -source.amount,
        unit: input.unit,
      })),
    ],
  });
  // Every grant re-arms the low-balance threshold when it lifts the balance back over it.
  await recheckBalance(tx, { customerId: input.customerId, unit: input.unit, at: input.at });
  return { grant: inserted, created: true };
}

/** Grants credits that did not exist before (a period's allocation, a pack, a reward, an adjustment). */
export async function grantCredits(tx: DbOrTx, clock: Clock, input: GrantCreditsInput): Promise<CreditGrant> {
  return (await recordGrant(tx, clock, input)).grant;
}
