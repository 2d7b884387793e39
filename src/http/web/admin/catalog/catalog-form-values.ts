import { AppError, validationError, type FieldErrors } from '../../../../lib/app-error.js';
import { isCurrency, parseDecimal } from '../../../../lib/money.js';
import type { CreatePlanInput, PriceInput, UpdatePlanInput } from '../../../../modules/catalog/index.js';
import { commaSeparated, refusedForm, type RefusedForm } from '../../form-state.js';

const blank = (text: string | undefined) => (text ?? '').trim() === '';

/** A yes/no select: "true" or "false"; anything else goes on for the use case to refuse. */
function yesNo(text: string | undefined): boolean | undefined {
  if (text === undefined) return undefined;
  return text === 'true' ? true : text === 'false' ? false : (text as never);
}

/** A field only some forms show: undefined when left out (kept or defaulted), null when blank. */
function blankAsNull(text: string | undefined): string | null | undefined {
  if (text === undefined) return undefined;
  return blank(text) ? null : text.trim();
}

/** The plan settings form (also part of the add-plan form), as the use cases take them. */
export function planSettingsFrom(values: Record<string, string>): UpdatePlanInput {
  return {
    name: values['name'] ?? '',
    trialDays: blank(values['trialDays']) ? 0 : values['trialDays'],
    entitlementKeys: commaSeparated(values['entitlementKeys']),
    creditsPerPeriod: blank(values['creditsPerPeriod']) ? null : (values['creditsPerPeriod'] ?? '').trim(),
    creditUnit: blank(values['creditUnit']) ? null : (values['creditUnit'] ?? ''),
    // Recurring plans show the first two, one-time plans the last (see PlanSettingsFields).
    creditRolloverCap: blankAsNull(values['creditRolloverCap']),
    creditsOnPlanChange: values['creditsOnPlanChange'] as never,
    creditExpiryDays: blankAsNull(values['creditExpiryDays']),
    upgradeTiming: (values['upgradeTiming'] ?? '') as never,
    downgradeTiming: (values['downgradeTiming'] ?? '') as never,
    // Only recurring plans show these two; left out, a new plan takes the defaults and a saved one keeps its own.
    oneTrialPerCustomer: yesNo(values['oneTrialPerCustomer']),
    reactivationGraceDays:
      values['reactivationGraceDays'] === undefined
        ? undefined
        : blank(values['reactivationGraceDays'])
          ? 0
          : values['reactivationGraceDays'],
  };
}

/** One decimal amount typed by a person, in minor units; a problem is noted in `errors`. */
function minorUnits(
  text: string | undefined,
  currency: string,
  field: string,
  required: boolean,
  errors: FieldErrors,
): bigint {
  if (blank(text)) {
    if (required) errors[field] = 'is required';
    return 0n;
  }
  try {
    return parseDecimal(text ?? '', currency).amount;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    errors[field] = error.fields?.['amount'] ?? error.userMessage;
    return 0n;
  }
}

/**
 * The price fields (currency, amount and setup fee as decimals such as 9.99) in exact minor
 * units. A bad currency or amount is refused here, field by field, before any use case runs:
 * decimals can only be read once the currency (and so its number of decimals) is known.
 */
export function priceFrom(values: Record<string, string>): PriceInput & { currency: string; amount: bigint } {
  const currency = (values['currency'] ?? '').trim().toUpperCase();
  const errors: FieldErrors = {};
  if (!currency) errors['currency'] = 'is required';
  else if (!isCurrency(currency)) errors['currency'] = 'must be an ISO 4217 code such as USD or EUR';
  let amount = 0n;
  let setupFee = 0n;
  if (errors['currency']) {
    if (blank(values['amount'])) errors['amount'] = 'is required';
  } else {
    amount = minorUnits(values['amount'], currency, 'amount', true, errors);
    setupFee = minorUnits(values['setupFee'], currency, 'setupFee', false, errors);
  }
  if (Object.keys(errors).length > 0) throw validationError(errors);
  return { currency, amount, setupFee };
}

/** The add-plan form as createPlan takes it (its price already converted by priceFrom). */
export function createPlanFrom(values: Record<string, string>): CreatePlanInput {
  const settings = planSettingsFrom(values);
  return {
    ...settings,
    name: settings.name ?? '',
    code: values['code'] ?? '',
    intervalUnit: (values['intervalUnit'] ?? '') as never,
    intervalCount: blank(values['intervalCount']) ? 1 : values['intervalCount'],
    prices: [priceFrom(values)],
  };
}

/**
 * Renames the fields of a use case's error to the form's: `prices.0.amount` → `amount`,
 * `entitlementKeys.2` → `entitlementKeys` (naming the key at fault). Other errors pass through.
 */
function withFormFieldNames(error: unknown, values: Record<string, string>): unknown {
  if (!(error instanceof AppError) || !error.fields) return error;
  const keys = commaSeparated(values['entitlementKeys']);
  const fields: FieldErrors = {};
  for (const [path, message] of Object.entries(error.fields)) {
    const [head, index, leaf] = path.split('.');
    let name = path;
    let text = message;
    if (head === 'prices') name = leaf ?? 'currency';
    else if (head === 'entitlementKeys' && index !== undefined) {
      name = 'entitlementKeys';
      text = `"${keys[Number(index)] ?? ''}" ${message}`;
    } else if (head === 'creditsPerPeriod' || head === 'creditRolloverCap')
      text = message.replace(' of minor units', '');
    fields[name] ??= text;
  }
  return new AppError(error.code, error.userMessage, { fields, logMessage: error.message });
}

/**
 * The refusal of form `name` on a catalog page (product, plan, add-on), its errors renamed to the
 * form's fields: what those pages show again when a form is refused.
 */
export function refusedCatalogForm<Name extends string>(
  name: Name,
  error: unknown,
  values: Record<string, string>,
): RefusedForm<Name> {
  return refusedForm(name, withFormFieldNames(error, values), values);
}
