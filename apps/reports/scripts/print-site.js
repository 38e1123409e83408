// The last line of `turbo build`: where the stakeholders' site is and how to look at it.
import { resolve } from 'node:path';

const dist = resolve(process.env.PULSE_REPORTS_DIST || 'dist');
console.log(`\nSite: ${dist}/index.html  (serve it: python3 -m http.server -d ${dist} 8000)`);
