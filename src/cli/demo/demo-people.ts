import type { CreateCustomerInput } from '../../modules/customers/index.js';
import { demoCountries, demoTags, exampleDomains, namesByLanguage, type DemoRegion } from './people-data.js';
import type { SeededRandom } from './random.js';

/** A made-up person: everything createCustomer needs, and names to derive their outside accounts from. */
export interface DemoPerson {
  input: CreateCustomerInput;
  first: string;
  last: string;
}

/** "Émilie van den Berg" → "emilievandenberg": letters and digits only, for addresses and handles. */
export function handleOf(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Makes unique, plausible email addresses, always at the reserved example domains. */
export class EmailBook {
  readonly #taken = new Set<string>();

  constructor(private readonly random: SeededRandom) {}

  make(first: string, last: string): string {
    const f = handleOf(first);
    const l = handleOf(last);
    const local = this.random.weighted<string>([
      [`${f}.${l}`, 5],
      [`${f}${l}`, 2],
      [`${f.slice(0, 1)}${l}`, 2],
      [`${f}${this.random.int(70, 99)}`, 1],
    ]);
    const domain = this.random.pick(exampleDomains);
    let email = `${local}@${domain}`;
    for (let n = 2; this.#taken.has(email); n += 1) email = `${local}${n}@${domain}`;
    this.#taken.add(email);
    return email;
  }
}

function tagsFor(random: SeededRandom): string[] {
  if (!random.chance(0.3)) return [];
  const tags = new Set([random.weighted(demoTags)]);
  if (random.chance(0.15)) tags.add(random.weighted(demoTags));
  return [...tags];
}

/** One person from a weighted country, with a locale, time zone and city that belong together. */
export function demoPerson(random: SeededRandom, emails: EmailBook): DemoPerson {
  const country = random.weighted(demoCountries.map((entry) => [entry, entry.weight] as const));
  const region: DemoRegion = random.pick(country.regions);
  const names = namesByLanguage[region.names];
  const first = random.pick(names.first);
  const last = random.pick(names.last);
  return {
    first,
    last,
    input: {
      name: `${first} ${last}`,
      email: emails.make(first, last),
      currency: country.currency,
      locale: region.locale,
      timeZone: region.timeZone,
      city: region.city,
      country: region.country,
      tags: tagsFor(random),
    },
  };
}
