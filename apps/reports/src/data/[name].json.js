// The site's one data loader (a Framework parameterized loader): `data/<name>.json` is
// scripts/lib/site-data.js's document of that name, read from the Parquet marts and target/*.json.
// In `npm run dev`, scripts/dev.js touches this file when a mart or target/*.json changes, so Framework
// runs it again and reloads the page.
import { parseArgs } from 'node:util';
import { siteData } from '../../scripts/lib/site-data.js';

const { values } = parseArgs({ options: { name: { type: 'string' } } });
process.stdout.write(`${JSON.stringify(await siteData(values.name))}\n`);
