/**
 * The method, data sources, error codes and security pages of docs/ as pages of the app:
 * GET /docs/<name> renders docs/<name>.md with `marked` (once per file version) into a page with
 * the app's header, its stylesheet (the one web/dist/index.html links) and no script at all, so
 * it works under the pages' Content-Security-Policy. Links between these documents stay inside
 * /docs; links to source files (which are not served) keep their text only. /docs is the index;
 * any other /docs path is a 404 page, never the app shell.
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { Marked, type Tokens } from 'marked';

/** The documents shown in the app: path name → title in the app's navigation. */
export const DOC_PAGES = {
  method: { nl: 'Methode', en: 'Method' },
  'data-sources': { nl: 'Databronnen', en: 'Data sources' },
  errors: { nl: 'Foutcodes', en: 'Error codes' },
  security: { nl: 'Toegang en beveiliging', en: 'Access and security' },
} as const;
export type DocName = keyof typeof DOC_PAGES;

/** docs/ of the package (this file is two levels below its root, in src/ and in dist/ alike). */
export const DEFAULT_DOCS_ROOT = fileURLToPath(new URL('../../docs/', import.meta.url));

const DOCS_CSS = `
.docs-page { max-width: 60rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
.docs-page h1 { font-size: 1.75rem; margin-top: 0.5rem; }
.docs-page h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid var(--line, #d1d5db); padding-bottom: 0.2rem; }
.docs-page h3 { font-size: 1.1rem; margin-top: 1.5rem; }
.docs-page table { border-collapse: collapse; margin: 0.75rem 0; font-size: 0.92rem; display: block; overflow-x: auto; }
.docs-page th, .docs-page td { border: 1px solid var(--line, #d1d5db); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
.docs-page th { background: var(--panel, #f7f8fa); }
.docs-page pre { background: var(--panel, #f7f8fa); border: 1px solid var(--line, #d1d5db); padding: 0.6rem 0.8rem; overflow-x: auto; font-size: 0.85rem; }
.docs-page code { font-size: 0.9em; }
.docs-page blockquote { margin: 0.75rem 0; padding: 0.25rem 1rem; border-left: 4px solid var(--line, #d1d5db); color: var(--muted, #4b5563); }
.docs-nav a { display: inline-block; padding: 0.4rem 0.7rem; border-radius: 6px; color: inherit; text-decoration: none; }
.docs-nav a[aria-current='page'] { background: #e6eef5; font-weight: 600; }
.docs-lang-note { color: var(--muted, #4b5563); font-size: 0.9rem; }
@media print { .site-header, .site-footer { display: none; } }
`;

export interface DocsOptions {
  /** Folder with the markdown files (default the package's docs/). */
  docsRoot?: string;
  /** The built web app, whose stylesheet the pages use. */
  webRoot: string;
}

/** GET /docs, /docs/<name>, /docs/docs.css. */
export function docsRoutes(options: DocsOptions): Hono {
  const root = options.docsRoot ?? DEFAULT_DOCS_ROOT;
  const rendered = new Map<DocName, { mtimeMs: number; html: string; title: string }>();
  const app = new Hono();
  const page = (status: 200 | 404, html: string) =>
    new Response(html, {
      status,
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' },
    });

  app.get(
    '/docs.css',
    () =>
      new Response(DOCS_CSS, {
        headers: { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' },
      }),
  );
  app.get('/', () => page(200, frame(options.webRoot, null, 'Documentatie', indexBody())));
  app.get('/:name', (c) => {
    const name = c.req.param('name').replace(/\.md$/, '');
    if (!isDocName(name)) return notFound(options.webRoot, page);
    const file = join(root, `${name}.md`);
    let mtimeMs: number;
    try {
      mtimeMs = statSync(file).mtimeMs;
    } catch {
      return notFound(options.webRoot, page);
    }
    let doc = rendered.get(name);
    if (!doc || doc.mtimeMs !== mtimeMs) {
      const markdown = readFileSync(file, 'utf8');
      doc = { mtimeMs, html: renderMarkdown(markdown), title: firstHeading(markdown) ?? DOC_PAGES[name].en };
      rendered.set(name, doc);
    }
    return page(200, frame(options.webRoot, name, doc.title, doc.html));
  });
  app.all('*', () => notFound(options.webRoot, page));
  return app;
}

function isDocName(name: string): name is DocName {
  return Object.hasOwn(DOC_PAGES, name);
}

function notFound(webRoot: string, page: (status: 404, html: string) => Response): Response {
  return page(
    404,
    frame(
      webRoot,
      null,
      'Niet gevonden',
      `<h1>Niet gevonden</h1><p>Deze pagina bestaat niet. De documentatie staat hieronder.</p>${indexBody()}`,
    ),
  );
}

function indexBody(): string {
  const items = Object.entries(DOC_PAGES)
    .map(([name, t]) => `<li><a href="/docs/${name}">${t.nl}</a> <span lang="en">(${t.en})</span></li>`)
    .join('');
  return `<h1>Documentatie</h1><ul>${items}</ul>`;
}

/** GitHub-style heading anchors, so links such as `method.md#harmonisation-…` keep working. */
function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}

const DOC_LINK = /^(?:\.\/)?([a-z-]+)\.md(#[^\s]*)?$/;

/** A link between docs stays in /docs; in-page and web links stay; links to files lose their href. */
function rewriteHref(href: string): string | null {
  if (/^(https?:|mailto:)/i.test(href) || href.startsWith('#')) return href;
  const doc = DOC_LINK.exec(href);
  if (doc && isDocName(doc[1]!)) return `/docs/${doc[1]}${doc[2] ?? ''}`;
  return null;
}

function escapeAttr(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

export function renderMarkdown(markdown: string): string {
  const seen = new Map<string, number>();
  const marked = new Marked({
    gfm: true,
    renderer: {
      heading(this: { parser: { parseInline(t: Tokens.Heading['tokens']): string } }, token: Tokens.Heading) {
        const inner = this.parser.parseInline(token.tokens);
        const base = slug(inner);
        const n = seen.get(base) ?? 0;
        seen.set(base, n + 1);
        const id = n === 0 ? base : `${base}-${n}`;
        return `<h${token.depth} id="${escapeAttr(id)}">${inner}</h${token.depth}>\n`;
      },
      link(this: { parser: { parseInline(t: Tokens.Link['tokens']): string } }, token: Tokens.Link) {
        const inner = this.parser.parseInline(token.tokens);
        const href = rewriteHref(token.href);
        if (href === null) return inner;
        const title = token.title ? ` title="${escapeAttr(token.title)}"` : '';
        return `<a href="${escapeAttr(href)}"${title}>${inner}</a>`;
      },
    },
  });
  return marked.parse(markdown, { async: false });
}

function firstHeading(markdown: string): string | undefined {
  return /^#\s+(.+)$/m.exec(markdown)?.[1]?.trim();
}

/** The stylesheets the built app's index.html links (hashed names), read once per index.html version. */
let styles: { file: string; mtimeMs: number; links: string[] } | null = null;
function appStylesheets(webRoot: string): string[] {
  const file = join(webRoot, 'index.html');
  try {
    const mtimeMs = statSync(file).mtimeMs;
    if (!styles || styles.file !== file || styles.mtimeMs !== mtimeMs) {
      const html = readFileSync(file, 'utf8');
      const links = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*>/g)]
        .map((m) => /href="([^"]+)"/.exec(m[0])?.[1])
        .filter((href): href is string => href !== undefined && href.startsWith('/'));
      styles = { file, mtimeMs, links };
    }
    return styles.links;
  } catch {
    return [];
  }
}

function frame(webRoot: string, current: DocName | null, title: string, body: string): string {
  const css = [...appStylesheets(webRoot), '/docs/docs.css']
    .map((href) => `<link rel="stylesheet" href="${escapeAttr(href)}">`)
    .join('');
  const nav = Object.entries(DOC_PAGES)
    .map(
      ([name, t]) =>
        `<li><a href="/docs/${name}"${name === current ? ' aria-current="page"' : ''}>${t.nl}</a></li>`,
    )
    .join('');
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeAttr(title)} — Veerkrachtkaarten</title>
${css}
</head>
<body>
<header class="site-header">
<div class="brand"><a class="brand-link" href="/"><span class="brand-mark" aria-hidden="true"></span>Veerkrachtkaarten</a></div>
<nav class="docs-nav" aria-label="Documentatie"><ul class="nav-list">${nav}</ul></nav>
</header>
<main id="main" class="docs-page">
${current ? '<p class="docs-lang-note">Deze documentatie is in het Engels geschreven. <span lang="en">This documentation is in English.</span></p>' : ''}
<article lang="${current ? 'en' : 'nl'}">
${body}
</article>
</main>
<footer class="site-footer"><p><a href="/">Terug naar de kaarten</a> · <a href="/docs">Documentatie</a></p></footer>
</body>
</html>`;
}
