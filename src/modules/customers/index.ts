export type { CustomersContext } from './context.js';
export { identityProviders, type IdentityProvider, type IdentityInput } from './customer-fields.js';
export type { Customer, CustomerIdentity, CustomerWithIdentities } from './customer-types.js';
export { createCustomer, type CreateCustomerInput } from './create-customer.js';
export { updateCustomer, type UpdateCustomerInput } from './update-customer.js';
export { linkIdentity } from './link-identity.js';
export { unlinkIdentity } from './unlink-identity.js';
export { mergeCustomers } from './merge-customers.js';
export {
  listCustomers,
  customerSortKeys,
  type CustomerSortKey,
  type ListCustomersInput,
} from './list-customers.js';
export { getCustomer, findCustomers } from './get-customer.js';
export { findCustomer } from './find-customer.js';
export { listTestClockCustomers } from './list-test-clock-customers.js';
