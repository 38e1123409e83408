// The last lines of `turbo build`: where the stakeholders' site is and how to look at it.
import { resolve } from 'node:path';

const dist = resolve(process.env.PULSE_REPORTS_DIST || 'dist');

/** POSIX single quotes: the folder is one argument whatever it holds (spaces, quotes, $, backticks). */
const shellQuoted = (text) => (/^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`);

// The command on a line of its own, so it can be copied whole (no closing parenthesis to leave out).
console.log(`\nSite: ${dist}/index.html\nServe it: python3 -m http.server -d ${shellQuoted(dist)} 8000`);
