import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('configuration', () => {
  it('has defaults a newcomer can run with', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      dataDir: './data',
      databaseUrl: undefined,
      baseUrl: 'http://localhost:8080',
      logLevel: 'info',
      rateLimitPerMinute: 600,
      billRunBatchSize: 2000,
      billRunRanges: 4,
      databasePoolSize: 10,
      applyBalanceToInvoices: true,
    });
  });

  it.each([
    ['TOLLGATE_PORT', 'abc', 'TOLLGATE_PORT must be a whole number from 1 to 65535 (got "abc")'],
    ['TOLLGATE_PORT', '70000', 'TOLLGATE_PORT must be a whole number from 1 to 65535'],
    ['DATABASE_URL', 'mysql://x', 'DATABASE_URL must be a postgres:// or postgresql:// connection URL'],
    ['TOLLGATE_BASE_URL', 'billing.example.com', 'TOLLGATE_BASE_URL must be an http:// or https:// URL'],
    [
      'TOLLGATE_LOG_LEVEL',
      'loud',
      'TOLLGATE_LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent',
    ],
    ['TOLLGATE_SECRET', 'short', 'TOLLGATE_SECRET must be at least 32 characters long'],
    ['TOLLGATE_TRUST_PROXY', 'maybe', 'TOLLGATE_TRUST_PROXY must be true or false'],
    [
      'TOLLGATE_BILL_RUN_BATCH_SIZE',
      '0',
      'TOLLGATE_BILL_RUN_BATCH_SIZE must be a whole number from 1 to 10000',
    ],
    [
      'TOLLGATE_APPLY_BALANCE_TO_INVOICES',
      'sometimes',
      'TOLLGATE_APPLY_BALANCE_TO_INVOICES must be true or false',
    ],
    ['TOLLGATE_BILL_RUN_RANGES', '1000', 'TOLLGATE_BILL_RUN_RANGES must be a whole number from 1 to 256'],
    ['TOLLGATE_DATABASE_POOL_SIZE', '0', 'TOLLGATE_DATABASE_POOL_SIZE must be a whole number from 1 to 500'],
  ])('refuses %s=%s with one line naming the variable and what is allowed', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(message);
    try {
      loadConfig({ [name]: value });
    } catch (error) {
      expect((error as Error).message.split('\n')).toHaveLength(1);
    }
  });

  it('turns off applying balances to invoices with TOLLGATE_APPLY_BALANCE_TO_INVOICES=false', () => {
    expect(loadConfig({ TOLLGATE_APPLY_BALANCE_TO_INVOICES: 'false' }).applyBalanceToInvoices).toBe(false);
  });

  it('never echoes a secret it refuses', () => {
    expect(() => loadConfig({ TOLLGATE_SECRET: 'hunter2' })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') }),
    );
  });
});
