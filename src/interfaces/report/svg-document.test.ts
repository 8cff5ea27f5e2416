import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeSvg, escapeXml } from './svg-document.js';

describe('escapeXml', () => {
  it('leaves no markup characters and round-trips (property)', () => {
    const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
    fc.assert(
      fc.property(fc.string(), (s) => {
        const e = escapeXml(s);
        expect(e).not.toMatch(/[<>"]/);
        expect(unescape(e)).toBe(s);
      }),
    );
  });
});

describe('composeSvg', () => {
  it('stacks title, legend rows, plot and note; the height adds up; the plot gets xmlns and its offset', () => {
    const legend = Array.from({ length: 12 }, (_, i) => ({ label: `Pool number ${i}`, color: '#000000' }));
    const svg = composeSvg({ width: 400, plot: '<svg width="400" height="100"></svg>', plotHeight: 100, title: 'T <&>', legend, note: 'n' });
    // 12 items of 18 + 13·6.2→81 + 14 = 113 px in 392 px: 3 per row → 4 rows of 16 px + 4.
    const rows = 4;
    const plotY = 22 + rows * 16 + 4 + 2;
    expect(svg).toContain(`<svg xmlns="http://www.w3.org/2000/svg" x="0" y="${plotY}" width="400"`);
    expect(svg).toContain(`height="${plotY + 100 + 16}"`);
    expect(svg).toContain('T &lt;&amp;&gt;');
  });
});
