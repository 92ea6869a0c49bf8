// The HTML report's page as a string (render/html.ts): the data a page carries, and text from the
// repository (paths, names) that cannot break out of the page's elements.
import { describe, expect, it } from 'vitest';
import { htmlData, renderHtml, scriptJson } from '../../src/render/html.js';
import { MONTHS, sampleFailure, sampleReport } from '../helpers/report.js';

const embedded = (html: string): unknown => JSON.parse(/<script type="application\/json" id="kstat-data">(.*?)<\/script>/s.exec(html)![1]!);

describe('renderHtml', () => {
  it('a path holding </script> or <!-- stays data: two script elements, the JSON reads back the same', () => {
    const evil = 'drivers/</script><script>alert(1)</script><!--x';
    const results = [sampleReport(evil), sampleFailure('drivers/</SCRIPT>nope')];
    const html = renderHtml(results, { repository: '/r/<b>&"' });
    expect(html.match(/<\/script>/gi)).toHaveLength(2);
    expect(html).not.toContain('<!--x');
    expect(html).toContain('<dd id="repository">/r/&#60;b&#62;&#38;&#34;</dd>');
    expect(embedded(html)).toEqual(htmlData(results, { repository: '/r/<b>&"' }));
  });

  it('carries each month of the window, a failed path as its error, and one sparkline scale', () => {
    const data = htmlData([sampleReport('a', {}, [1, 0, 2]), sampleReport('b', {}, [0, 5, 0]), sampleFailure('c')], { repository: '.' });
    expect(data.max).toBe(5);
    expect(data.rows.map((r) => [r.path, r.from, r.commits, r.error])).toEqual([
      ['a', MONTHS[0], [1, 0, 2], undefined],
      ['b', MONTHS[0], [0, 5, 0], undefined],
      ['c', '', [], 'not-found: path not found: c (check the spelling)'],
    ]);
    expect(data.columns.map((c) => c.name)).toContain('monthly');
  });

  it('loads nothing: no src, href or url() anywhere in the page', () => {
    const html = renderHtml([sampleReport('a')], { repository: '.' });
    expect(html).not.toMatch(/\s(src|href)=|url\(|@import|@font-face/i);
  });
});

describe('scriptJson', () => {
  it('escapes every < and the line separators JSON allows but scripts once did not', () => {
    expect(scriptJson({ a: '</script>\u2028' })).toBe('{"a":"\\u003c/script>\\u2028"}');
  });
});
