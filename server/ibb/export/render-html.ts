import type { RecordBlock, RecordDocument } from './record-blocks';

/**
 * Every character that could open markup or an attribute is escaped. Nothing from the
 * record becomes a tag, an attribute or a link: a URL in a note is shown as its text.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function lines(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

function block(b: RecordBlock): string {
  switch (b.kind) {
    case 'heading':
      return `<h${b.level}>${escapeHtml(b.text)}</h${b.level}>`;
    case 'paragraph':
      return `<p${b.tone ? ` class="${b.tone}"` : ''}>${lines(b.text)}</p>`;
    case 'fields':
      return `<dl>${b.fields.map((f) => `<dt>${escapeHtml(f.label)}</dt><dd${f.isMono ? ' class="mono"' : ''}>${lines(f.value)}</dd>`).join('')}</dl>`;
    case 'table':
      return `<table><thead><tr>${b.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>${b.rows
        .map((r) => `<tr>${r.map((cell) => `<td>${lines(cell)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`;
    case 'verbatim':
      return `<pre>${escapeHtml(b.text)}</pre>`;
  }
}

const STYLE = `
body{font:11pt/1.45 Helvetica,Arial,sans-serif;color:#111;max-width:52rem;margin:2rem auto;padding:0 1rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:1px solid #999;padding-bottom:.2rem}
h3{font-size:1.05rem;margin:1.25rem 0 .4rem}p.muted{color:#444;font-style:italic}p.strong{font-weight:bold}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.5rem 0}dt{font-weight:bold}dd{margin:0}
.mono{font-family:"Courier New",Courier,monospace;word-break:break-all}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #999;padding:.25rem .4rem;text-align:left;vertical-align:top}
th{background:#eee}pre{white-space:pre-wrap;font:inherit;border-left:3px solid #555;padding:.25rem .75rem;margin:.5rem 0}
@media print{body{margin:0;max-width:none}h2,h3{break-after:avoid}tr,pre{break-inside:avoid}}
`;

/** A self-contained, print-friendly page: no scripts, no external resources, no links. */
export function renderHtml(doc: RecordDocument): string {
  return `<!doctype html>
<html lang="${escapeHtml(doc.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${doc.blocks.map(block).join('\n')}
</main>
</body>
</html>
`;
}

/** Sent with the page: even if something slipped through, it could not run or load anything. */
export const HTML_EXPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
