/**
 * Past this many accounts a refresh rebuilds a model partitioned by account whole: a whole rebuild is then
 * cheaper than a filter listing them (at L a whole account table is 100k accounts and about a second of work).
 */
export const MAX_ACCOUNTS_REBUILT_ALONE = 5_000;
