import type { customerIdentities, customers } from './schema.js';

export type Customer = typeof customers.$inferSelect;
export type CustomerIdentity = typeof customerIdentities.$inferSelect;

export interface CustomerWithIdentities extends Customer {
  identities: CustomerIdentity[];
}
