// The last lines of `turbo build`: where the stakeholders' site is and how to look at it.
import { fileURLToPath } from 'node:url';
import { siteOutputFolders } from './lib/site-output.js';

const dist = siteOutputFolders().published;

/** POSIX single quotes: the folder is one argument whatever it holds (spaces, quotes, $, backticks). */
const shellQuoted = (text) => (/^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`);

/** This site's own server: the pages link to clean addresses (/mrr), which a plain file server cannot answer. */
const serve = fileURLToPath(new URL('./serve.js', import.meta.url));

// The command on a line of its own, so it can be copied whole (no closing parenthesis to leave out).
console.log(`\nSite: ${dist}\nServe it: node ${shellQuoted(serve)} ${shellQuoted(dist)}`);
