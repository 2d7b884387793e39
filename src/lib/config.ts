import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { numberFormatProblem } from './number-format.js';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

function integerVar(min: number, max: number, fallback: number) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return fallback;
      const value = Number(raw);
      if (!/^\d+$/.test(raw) || value < min || value > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return value;
    });
}

function numberFormatVar(fallback: string) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return fallback;
      const problem = numberFormatProblem(raw);
      if (problem) {
        ctx.addIssue({ code: 'custom', message: problem });
        return z.NEVER;
      }
      return raw;
    });
}

function booleanVar(fallback: boolean) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return fallback;
      if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
      if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
      ctx.addIssue({ code: 'custom', message: 'must be true or false' });
      return z.NEVER;
    });
}

function urlVar(protocols: string[], what: string) {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return undefined;
      let url: URL;
      try {
        url = new URL(raw);
      } catch {
        ctx.addIssue({ code: 'custom', message: `must be ${what}` });
        return z.NEVER;
      }
      if (!protocols.includes(url.protocol)) {
        ctx.addIssue({ code: 'custom', message: `must be ${what}` });
        return z.NEVER;
      }
      return raw.replace(/\/+$/, '');
    });
}

function optionalText() {
  return z
    .string()
    .optional()
    .transform((raw) => raw?.trim() || undefined);
}

/** Lines of one value, separated by "|" or a newline (env files cannot always hold newlines). */
function linesVar() {
  return z
    .string()
    .optional()
    .transform((raw) =>
      (raw ?? '')
        .split(/\||\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean),
    );
}

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A PNG file read once at start, so a missing or wrong file stops start-up instead of a download. */
function pngFileVar() {
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined || raw === '') return null;
      let bytes: Buffer;
      try {
        bytes = readFileSync(raw);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be the path of a readable PNG file' });
        return z.NEVER;
      }
      if (!bytes.subarray(0, pngSignature.length).equals(pngSignature)) {
        ctx.addIssue({ code: 'custom', message: 'must be a PNG file (the file is not a PNG image)' });
        return z.NEVER;
      }
      return bytes;
    });
}

const envSchema = z.object({
  TOLLGATE_PORT: integerVar(1, 65535, 8080),
  TOLLGATE_HOST: z.string().min(1, 'must not be empty').default('0.0.0.0'),
  TOLLGATE_DATA_DIR: z.string().min(1, 'must not be empty').default('./data'),
  DATABASE_URL: urlVar(['postgres:', 'postgresql:'], 'a postgres:// or postgresql:// connection URL'),
  TOLLGATE_SECRET: z
    .string()
    .optional()
    .refine((value) => value === undefined || value.length >= 32, 'must be at least 32 characters long'),
  TOLLGATE_BASE_URL: urlVar(
    ['http:', 'https:'],
    'an http:// or https:// URL such as https://billing.example.com',
  ),
  TOLLGATE_LOG_LEVEL: z.enum(logLevels, { error: `must be one of ${logLevels.join(', ')}` }).default('info'),
  TOLLGATE_TRUST_PROXY: booleanVar(false),
  TOLLGATE_RATE_LIMIT_PER_MINUTE: integerVar(1, 1_000_000, 600),
  TOLLGATE_SESSION_IDLE_MINUTES: integerVar(1, 60 * 24 * 30, 60),
  TOLLGATE_SESSION_MAX_HOURS: integerVar(1, 24 * 90, 12),
  TOLLGATE_INVOICE_NUMBER_FORMAT: numberFormatVar('INV-{YYYY}-{000000}'),
  TOLLGATE_CREDIT_NOTE_NUMBER_FORMAT: numberFormatVar('CN-{YYYY}-{000000}'),
  TOLLGATE_BILL_RUN_BATCH_SIZE: integerVar(1, 10_000, 2000),
  TOLLGATE_BILL_RUN_RANGES: integerVar(1, 256, 4),
  TOLLGATE_DATABASE_POOL_SIZE: integerVar(1, 500, 10),
  TOLLGATE_APPLY_BALANCE_TO_INVOICES: booleanVar(true),
  TOLLGATE_BUSINESS_NAME: z.string().trim().min(1, 'must not be empty').default('Tollgate'),
  TOLLGATE_BUSINESS_ADDRESS: linesVar(),
  TOLLGATE_BUSINESS_TAX_ID: optionalText(),
  TOLLGATE_BUSINESS_EMAIL: optionalText(),
  TOLLGATE_BUSINESS_LOGO: pngFileVar(),
});

// Their values may contain passwords, so an error message never repeats them.
const mayHoldSecrets = new Set(['TOLLGATE_SECRET', 'DATABASE_URL']);

export type LogLevel = (typeof logLevels)[number];

/** Settings read from the environment; the secret is resolved separately (it may live in the data dir). */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  secretFromEnv: string | undefined;
  baseUrl: string;
  logLevel: LogLevel;
  trustProxy: boolean;
  rateLimitPerMinute: number;
  sessionIdleMinutes: number;
  sessionMaxHours: number;
  /** How invoice and credit-note numbers look; each series is gap-free. */
  invoiceNumberFormat: string;
  creditNoteNumberFormat: string;
  /** Subscriptions the bill run invoices per transaction. */
  billRunBatchSize: number;
  /** Customer-id ranges a scheduled bill run is split into, each a job any instance can take. */
  billRunRanges: number;
  /** Connections this instance keeps to PostgreSQL for requests and use cases (pg-boss has its own). */
  databasePoolSize: number;
  /** Whether finalizing an invoice takes what it can of the amount due from the customer's balance. */
  applyBalanceToInvoices: boolean;
  /** The seller printed on invoices and credit notes. */
  business: {
    name: string;
    addressLines: string[];
    taxId: string | null;
    email: string | null;
    logoPng: Buffer | null;
  };
}

/** Raised for a configuration value that is not allowed; its message is one line a person can act on. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates Tollgate's settings from environment variables. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const got = env[name];
      const shown = got === undefined || mayHoldSecrets.has(name) ? '' : ` (got ${JSON.stringify(got)})`;
      return `${name} ${issue.message}${shown}`;
    });
    throw new ConfigError(`Invalid configuration: ${lines.join('; ')}`);
  }
  const e = parsed.data;
  return {
    port: e.TOLLGATE_PORT,
    host: e.TOLLGATE_HOST,
    dataDir: e.TOLLGATE_DATA_DIR,
    databaseUrl: e.DATABASE_URL,
    secretFromEnv: e.TOLLGATE_SECRET,
    baseUrl: e.TOLLGATE_BASE_URL ?? `http://localhost:${e.TOLLGATE_PORT}`,
    logLevel: e.TOLLGATE_LOG_LEVEL,
    trustProxy: e.TOLLGATE_TRUST_PROXY,
    rateLimitPerMinute: e.TOLLGATE_RATE_LIMIT_PER_MINUTE,
    sessionIdleMinutes: e.TOLLGATE_SESSION_IDLE_MINUTES,
    sessionMaxHours: e.TOLLGATE_SESSION_MAX_HOURS,
    invoiceNumberFormat: e.TOLLGATE_INVOICE_NUMBER_FORMAT,
    creditNoteNumberFormat: e.TOLLGATE_CREDIT_NOTE_NUMBER_FORMAT,
    billRunBatchSize: e.TOLLGATE_BILL_RUN_BATCH_SIZE,
    billRunRanges: e.TOLLGATE_BILL_RUN_RANGES,
    databasePoolSize: e.TOLLGATE_DATABASE_POOL_SIZE,
    applyBalanceToInvoices: e.TOLLGATE_APPLY_BALANCE_TO_INVOICES,
    business: {
      name: e.TOLLGATE_BUSINESS_NAME,
      addressLines: e.TOLLGATE_BUSINESS_ADDRESS,
      taxId: e.TOLLGATE_BUSINESS_TAX_ID ?? null,
      email: e.TOLLGATE_BUSINESS_EMAIL ?? null,
      logoPng: e.TOLLGATE_BUSINESS_LOGO,
    },
  };
}
