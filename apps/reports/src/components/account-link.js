// Where an account's page lives, so every table links to it the same way.
export function accountHref(accountId) {
  return `/accounts/${encodeURIComponent(accountId)}`;
}
