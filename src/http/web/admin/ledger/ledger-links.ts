/** The admin page of one ledger account; keys hold colons, so they travel encoded. */
export const accountHref = (key: string) => `/admin/ledger/accounts/${encodeURIComponent(key)}`;
