import type { Command } from 'commander';
import { verifyLedger } from '../modules/ledger/index.js';
import { withDatabase } from './with-database.js';

/**
 * `tollgate ledger verify`: recomputes every balance from the journal and checks every entry sums
 * to zero. Exit 0 when the books are whole; 1, with each difference listed, when they are not.
 */
export async function ledgerVerifyCommand(): Promise<void> {
  const result = await withDatabase((db) => verifyLedger(db));
  if (result.differences.length === 0) {
    console.log(
      `Ledger verified: ${result.accounts} accounts, ${result.entries} entries, every entry balances.`,
    );
    return;
  }
  console.error(
    `Ledger differs in ${result.differences.length} place${result.differences.length === 1 ? '' : 's'} ` +
      `(${result.accounts} accounts, ${result.entries} entries):`,
  );
  for (const difference of result.differences) console.error(`  ${difference.message}`);
  process.exitCode = 1;
}

export function registerLedgerCommands(program: Command, fail: (error: unknown) => never): void {
  const ledger = program
    .command('ledger')
    .description('The journal of balances (credits, receivables, revenue)');
  ledger
    .command('verify')
    .description(
      'Recompute every balance from its entries and check every entry balances; exit 1 on a difference',
    )
    .action(() => ledgerVerifyCommand().catch(fail));
}
