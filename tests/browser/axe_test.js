// The default theme in a real browser. Builds the example school, serves the result on
// 127.0.0.1, opens every page type in headless Chromium and runs axe-core on it (WCAG 2.1 A and
// AA, plus best practices); fails on any serious or critical violation. Saves screenshots of the
// home page and a news post at desktop and phone widths, checks the skip link and the file://
// view, and crawls every HTML file for broken internal links and images.
//
//   node axe_test.js SCHOOLGATE_BINARY SOURCE_DIR ARTEFACTS_DIR
//
// Exit status: 0 passed, 1 failed, 77 skipped (no Chromium on this machine).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { execFileSync } = require('child_process');

const [binary, source, artefacts] = process.argv.slice(2).map((a) => a && path.resolve(a));
if (!binary || !source || !artefacts) {
  console.error('usage: node axe_test.js SCHOOLGATE_BINARY SOURCE_DIR ARTEFACTS_DIR');
  process.exit(2);
}
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!fs.existsSync(chromiumPath)) {
  console.log(`SKIP: no Chromium at ${chromiumPath} (install the Debian package chromium)`);
  process.exit(77);
}
const { chromium } = require('playwright-core');
const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const failures = [];
const fail = (message) => { failures.push(message); console.log(`FAIL: ${message}`); };

// ---------- build the example school ----------

fs.mkdirSync(artefacts, { recursive: true });
const site = path.join(artefacts, 'site');
// --no-record: the build record belongs to the school's real builds (review compares with it).
try {
  execFileSync(binary, ['--source', source, 'build', '--date', '2026-11-23', '--out', site, '--jobs', '1',
                        '--no-record'], { stdio: 'inherit' });
} catch (e) {
  console.log(`FAIL: schoolgate build exited with ${e.status}`);
  process.exit(1);
}

// ---------- a static server on loopback ----------

const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.jpg': 'image/jpeg', '.webp': 'image/webp',
                '.xml': 'application/xml', '.txt': 'text/plain', '.svg': 'image/svg+xml', '.png': 'image/png' };
function serve(root) {
  const server = http.createServer((req, res) => {
    let relative = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    if (relative.endsWith('/')) relative += 'index.html';
    const file = path.join(root, path.normalize(relative));
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': types['.html'] });
      res.end(fs.readFileSync(path.join(root, '404.html')));
      return;
    }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
    res.end(fs.readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---------- a crawl of every HTML file ----------

function htmlFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? htmlFiles(full) : entry.name.endsWith('.html') ? [full] : [];
  });
}

function decode(value) {
  return value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

// Every internal href, src and srcset must name an existing file (not a folder: file:// has no
// index.html fallback), and every #fragment an existing id.
function crawl(root) {
  let checked = 0;
  for (const file of htmlFiles(root)) {
    const html = fs.readFileSync(file, 'utf8');
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]));
    const refs = [];
    for (const m of html.matchAll(/\s(href|src|srcset)="([^"]*)"/g)) {
      const value = decode(m[2]);
      if (m[1] === 'srcset') refs.push(...value.split(',').map((s) => s.trim().split(/\s+/)[0]).filter(Boolean));
      else refs.push(value);
    }
    for (const ref of refs) {
      if (/^(https?:|mailto:|tel:|data:)/.test(ref)) continue;
      checked++;
      const where = path.relative(root, file);
      if (ref === '' ) { fail(`${where}: empty link`); continue; }
      const [target, fragment] = ref.split('#');
      if (!target) {
        if (fragment && !ids.has(fragment)) fail(`${where}: link to missing #${fragment}`);
        continue;
      }
      // 404.html is served by the web server at any depth, so its links start from the root.
      const notFound = where === '404.html';
      if (target.startsWith('/') && !notFound) { fail(`${where}: root-relative link ${ref} breaks file://`); continue; }
      if (notFound && !target.startsWith('/')) { fail(`404.html: relative link ${ref} breaks below the root`); continue; }
      const resolved = notFound ? path.join(root, target) : path.resolve(path.dirname(file), target);
      if (!resolved.startsWith(root)) { fail(`${where}: link ${ref} leaves the site`); continue; }
      if (!fs.existsSync(resolved)) fail(`${where}: broken link ${ref}`);
      else if (!fs.statSync(resolved).isFile()) fail(`${where}: link ${ref} names a folder (breaks file://)`);
    }
  }
  return checked;
}

// ---------- the browser ----------

async function main() {
  const checkedLinks = crawl(site);
  console.log(`crawl: ${htmlFiles(site).length} pages, ${checkedLinks} internal references`);

  const server = await serve(site);
  const base = `http://127.0.0.1:${server.address().port}/`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'schoolgate-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 900 },
  });
  // Loopback only: anything else the page asks for is refused and reported.
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(base) || url.startsWith('file://') || url.startsWith('data:')) return route.continue();
    fail(`a page requested ${url}`);
    return route.abort();
  });

  try {
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The 404 page's own status is logged as an error; nothing else may be.
    page.on('console', (m) => {
      if (m.type() === 'error' && !(/status of 404/.test(m.text()) && /no-such-page/.test(m.location().url || '')))
        errors.push(`${page.url()}: ${m.text()} ${m.location().url || ''}`);
    });

    // One of each page type; the post and tag page are found from the news index.
    await page.goto(base + 'news/index.html');
    const post = await page.getAttribute('.news-list article h2 a', 'href');
    const tagPages = (fs.existsSync(path.join(site, 'tags')) ? htmlFiles(path.join(site, 'tags')) : []).map((f) => path.relative(site, f));
    const pages = {
      home: 'index.html', page: 'about/index.html', post: new URL(post, base + 'news/index.html').pathname.slice(1),
      'news index': 'news/index.html', gallery: 'gallery/index.html', 'class page': 'classes/year-3/index.html',
      contact: 'contact/index.html', '404': 'no-such-page/index.html',
    };
    if (fs.existsSync(path.join(site, 'news/page/2/index.html'))) pages['news page 2'] = 'news/page/2/index.html';
    if (tagPages.length) pages.tag = tagPages[0];

    const totals = { minor: 0, moderate: 0, serious: 0, critical: 0 };
    for (const [kind, url] of Object.entries(pages)) {
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
        const expect404 = kind === '404';
        const response = await page.goto(base + url, { waitUntil: 'load' });
        if (response.status() !== (expect404 ? 404 : 200)) fail(`${kind} (${url}): HTTP ${response.status()}`);
        await page.addScriptTag({ content: axeSource });
        const results = await page.evaluate(() => window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] },
          resultTypes: ['violations'],
        }));
        for (const v of results.violations) {
          totals[v.impact] = (totals[v.impact] || 0) + 1;
          const line = `${kind} (${url}, ${width}px): [${v.impact}] ${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join('; ')}`;
          if (v.impact === 'serious' || v.impact === 'critical') fail(line); else console.log(`note: ${line}`);
        }
        // Nothing overflows sideways on a phone.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        if (overflow > 0) fail(`${kind} (${url}, ${width}px): the page scrolls sideways by ${overflow}px`);
        // Every image has its box reserved (no layout shift) and loads.
        const broken = await page.evaluate(async () => {
          const images = [...document.images];
          for (const img of images) { img.loading = 'eager'; }
          await Promise.all(images.map((img) => img.complete ? null : new Promise((r) => { img.onload = img.onerror = r; })));
          return images.filter((img) => !img.naturalWidth || !img.getAttribute('width') || !img.getAttribute('height'))
                       .map((img) => img.currentSrc || img.src);
        });
        for (const src of broken) fail(`${kind} (${url}, ${width}px): image without size or not loading: ${src}`);
      }
      console.log(`axe: ${kind} (${url}) checked at 1280 and 390 px`);
    }
    console.log(`axe violations by impact: ${JSON.stringify(totals)}`);

    // Screenshots to look at.
    for (const [name, url] of [['home', pages.home], ['post', pages.post], ['news', pages['news index']], ['gallery', pages.gallery]]) {
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: width > 600 ? 900 : 844 });
        await page.goto(base + url, { waitUntil: 'load' });
        await page.evaluate(async () => {
          const images = [...document.images];
          images.forEach((img) => { img.loading = 'eager'; });
          await Promise.all(images.map((img) => img.decode().catch(() => null)));
        });
        const file = path.join(artefacts, `${name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`screenshot: ${file}`);
      }
    }

    // The skip link is the first thing a keyboard reaches, shows itself, and moves focus to main.
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(base + 'index.html');
    await page.keyboard.press('Tab');
    const skip = await page.evaluate(() => {
      const a = document.activeElement;
      const box = a.getBoundingClientRect();
      return { cls: a.className, visible: box.top >= 0 && box.bottom <= innerHeight && box.height > 0,
               outline: getComputedStyle(a).backgroundColor };
    });
    if (skip.cls !== 'skip-link' || !skip.visible) fail(`the first Tab does not show the skip link: ${JSON.stringify(skip)}`);
    await page.keyboard.press('Enter');
    const afterSkip = await page.evaluate(() => document.activeElement.id);
    if (afterSkip !== 'main') fail(`the skip link moved focus to '${afterSkip}', not to main`);
    // Focus is visible on an ordinary link.
    await page.keyboard.press('Tab');
    const focusStyle = await page.evaluate(() => {
      const s = getComputedStyle(document.activeElement);
      return { tag: document.activeElement.tagName, bg: s.backgroundColor, outline: s.outlineStyle, shadow: s.boxShadow };
    });
    if (focusStyle.bg === 'rgba(0, 0, 0, 0)' && focusStyle.outline === 'none' && focusStyle.shadow === 'none')
      fail(`focus is not visible: ${JSON.stringify(focusStyle)}`);

    // Opened from the disk: the stylesheet and a linked page load through file://.
    await page.goto('file://' + path.join(site, 'index.html'));
    const styled = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    if (styled === 'rgba(0, 0, 0, 0)') fail('file://: the stylesheet did not load');
    await page.click('nav.site-nav a[href$="news/index.html"]');
    if (!page.url().endsWith('/news/index.html')) fail(`file://: the News link went to ${page.url()}`);

    if (errors.length) fail(`browser errors: ${errors.join(' | ')}`);
  } finally {
    await context.close();
    server.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }

  if (failures.length) {
    console.log(`${failures.length} failure(s)`);
    process.exit(1);
  }
  console.log('browser: all checks passed');
}

main().catch((e) => { console.error(e); process.exit(1); });
