// An account page's data (a Framework parameterized loader): `accounts/<id>.json` is that account's rows
// of the account-grain marts (scripts/lib/account-pages.js). A build reads the copies
// scripts/warm-data-cache.js wrote for every account page; preview runs this per page.
import { parseArgs } from 'node:util';
import { accountDocument } from '../../scripts/lib/account-pages.js';
import { siteInputs } from '../../scripts/lib/site-data.js';

const { values } = parseArgs({ options: { account: { type: 'string' } } });
const document = await accountDocument(values.account, siteInputs());
if (!document)
  throw new Error(`account ${JSON.stringify(values.account)} has no page (see the account_pages mart)`);
process.stdout.write(`${JSON.stringify(document)}\n`);
