import { describe, expect, it } from 'vitest';
import { escapeHtml, renderHtml } from './render-html';

describe('renderHtml', () => {
  it('escapes markup and attribute quotes', () => {
    expect(escapeHtml(`<img src=x onerror="alert('1')">&`)).toBe('&#60;img src=x onerror=&#34;alert(&#39;1&#39;)&#34;&#62;&#38;');
  });

  it('renders board content as text only: no tags, attributes or links from it', () => {
    const html = renderHtml({
      title: '<b>t</b>',
      lang: 'en" onload="x',
      blocks: [
        { kind: 'heading', level: 2, text: '<script>alert(1)</script>' },
        { kind: 'table', columns: ['Text'], rows: [['[x](javascript:alert(1)) <a href="javascript:alert(1)">y</a> https://example.org']] },
        { kind: 'fields', fields: [{ label: 'k', value: '"><svg onload=alert(1)>', isMono: true }] },
        { kind: 'verbatim', text: 'data:text/html,<script>alert(1)</script>' },
      ],
    });
    expect(html).not.toMatch(/<script|<a[\s>]|<svg|href="|onload="/i);
    expect(html).toContain('https://example.org');
    expect(html).toContain('<html lang="en&#34; onload=&#34;x">');
  });
});
