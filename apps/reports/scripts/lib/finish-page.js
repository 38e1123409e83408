// What Framework 1.13's page template leaves out, added to each built page: the page's language (screen
// readers pick a voice by it; the template writes a bare <html>), a viewport that lets a phone zoom (the
// template's maximum-scale=1 forbids pinch-zoom), a first link that skips the sidebar's ~15 links for a
// keyboard (shown when it has the focus: style.css, .pulse-skip-link), and on an account page the account
// in the <title> and the page's heading (every account page was titled "Account", so tabs, history,
// bookmarks and a screen reader's list of headings could not tell them apart).

const SKIP_LINK = '<a class="pulse-skip-link" href="#observablehq-main">Skip to the report</a>';

/** The built HTML of one page, finished; `account` names the account of an account page. */
export function finishPage(html, { account } = {}) {
  let finished = html
    .replace(/<html>/, '<html lang="en">')
    .replace(/(<meta name="viewport" content="[^"]*?), maximum-scale=1"/, '$1"')
    .replace(/<body>(?!\n?<a class="pulse-skip-link")/, `<body>\n${SKIP_LINK}`);
  if (account !== undefined)
    finished = finished
      .replace(/<title>Account( \||<)/, (_, rest) => `<title>Account ${escapeHtml(account)}${rest}`)
      .replace(
        /(<h1 id="account"[^>]*>(?:<a [^>]*>)?)Account(<\/a>)?<\/h1>/,
        (_, open, close = '') => `${open}Account ${escapeHtml(account)}${close}</h1>`,
      );
  return finished;
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
