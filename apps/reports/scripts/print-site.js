// The last lines of `turbo build`: where the stakeholders' site is and how to look at it.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = resolve(process.env.PULSE_REPORTS_DIST || 'dist');

/** POSIX single quotes: the folder is one argument whatever it holds (spaces, quotes, $, backticks). */
const shellQuoted = (text) => (/^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`);

/** This site's own server: the pages link to clean addresses (/mrr), which a plain file server cannot answer. */
const serve = fileURLToPath(new URL('./serve.js', import.meta.url));

// The command on a line of its own, so it can be copied whole (no closing parenthesis to leave out).
console.log(`\nSite: ${dist}\nServe it: node ${shellQuoted(serve)} ${shellQuoted(dist)}`);
