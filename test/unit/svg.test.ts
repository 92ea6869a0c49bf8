// The SVG chart (--svg) as a pure function: a well-formed standalone document with a title and a
// description for screen readers, a bar and a tooltip in the reference's words per month.
import { describe, expect, it } from 'vitest';
import { chartOf, drawChart, KIT, monthTitle, renderSvg, xml } from '../../src/render/svg.js';
import type { MonthFigures } from '../../src/types.js';
import { sampleReport } from '../helpers/report.js';
import { elements, parseXml } from '../helpers/xml.js';

const month = (m: string, commits: number, added: number, removed: number, substantive = commits): MonthFigures => ({ month: m, commits, added, removed, substantive });

describe('the XML checker the SVG tests rely on', () => {
  it.each(['<a><b></a></b>', '<a>', '<a x="1" x="2"/>', '<a>&nbsp;</a>', '<a>x & y</a>', '<a/><b/>', 'x<a/>', '<a x=1/>', '<a>1 < 2</a>'])('rejects %s', (doc) => {
    expect(() => parseXml(doc)).toThrow();
  });

  it('reads elements, attributes and decoded text', () => {
    const root = parseXml('<?xml version="1.0"?><a k="&quot;v&quot;"><!-- c --><b>x &amp; y &#8722;</b><c/></a>');
    expect(elements(root).map((e) => e.name)).toEqual(['a', 'b', 'c']);
    expect(root.attrs.k).toBe('"v"');
    expect(root.children[0]!.text).toBe('x & y \u2212');
  });
});

describe('month tooltips', () => {
  it.each([
    [month('2021-04', 1, 3, 1), '2021-04: 1 commit · +3 −1'],
    [month('2021-06', 3, 77, 21), '2021-06: 3 commits · +77 −21'],
    [month('2021-07', 0, 0, 0), '2021-07: 0 commits · +0 −0'],
    [month('2024-08', 1500, 12345, 0), '2024-08: 1,500 commits · +12,345 −0'],
  ])('%o reads %s', (m, text) => expect(monthTitle(m)).toBe(text));

  it('uses U+2212 for minus and U+00B7 for the dot', () => {
    const t = monthTitle(month('2021-04', 1, 3, 1));
    expect(t).toContain('\u2212');
    expect(t).toContain('\u00b7');
    expect(t).not.toContain('-1');
  });
});

describe('renderSvg', () => {
  const report = sampleReport('drivers/a<b>&"c"', {}, [1, 0, 2]);
  report.monthly[2] = month('2026-01', 2, 40, 7, 1);
  const svg = renderSvg(report);
  const root = parseXml(svg);

  it('is a well-formed standalone SVG that scales by its viewBox', () => {
    expect(root.name).toBe('svg');
    expect(root.attrs.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(root.attrs.viewBox).toMatch(/^0 0 800 \d+$/);
  });

  it('opens with a title and a description that screen readers are pointed to', () => {
    expect(root.attrs.role).toBe('img');
    expect(root.children[0]!.name).toBe('title');
    expect(root.children[1]!.name).toBe('desc');
    expect(root.attrs['aria-labelledby']!.split(' ')).toEqual([root.children[0]!.attrs.id, root.children[1]!.attrs.id]);
    expect(root.children[0]!.text).toBe('drivers/a<b>&"c": monthly commits, 2025-11 to 2026-01');
    expect(root.children[1]!.text).toContain('3 months');
  });

  it('has a group per month whose first child is its tooltip in the reference words', () => {
    const groups = elements(root).filter((e) => e.name === 'g' && e.attrs.class === 'month');
    expect(groups.map((g) => g.children[0]!.name)).toEqual(['title', 'title', 'title']);
    expect(groups.map((g) => g.children[0]!.text)).toEqual(report.monthly.map((m) => monthTitle(m)));
  });

  it('stacks sweeps on substantive commits, and draws lines added and removed', () => {
    const groups = elements(root).filter((e) => e.name === 'g' && e.attrs.class === 'month');
    const classes = groups.map((g) => g.children.filter((c) => c.name === 'rect' && c.attrs.class !== 'hit').map((c) => c.attrs.class));
    expect(classes).toEqual([['own', 'added'], [], ['own', 'sweep', 'added', 'removed']]);
    const [own, sweep] = groups[2]!.children.filter((c) => c.attrs.class === 'own' || c.attrs.class === 'sweep');
    // One substantive commit and one sweep of the tallest month's two: halves of one bar.
    expect(Number(own!.attrs.height)).toBeCloseTo(Number(sweep!.attrs.height));
    expect(Number(sweep!.attrs.y) + Number(sweep!.attrs.height)).toBeCloseTo(Number(own!.attrs.y));
  });

  it('writes the years beneath', () => {
    expect(elements(root).filter((e) => e.attrs.class === 'year').map((e) => e.text)).toEqual(['2025', '2026']);
  });

  it('adapts its text to a dark viewer', () => {
    expect(svg).toContain('@media (prefers-color-scheme: dark)');
  });

  it('draws an empty window and a month-long one', () => {
    const none = sampleReport('x', {}, [0, 0, 0]);
    expect(elements(parseXml(renderSvg(none))).filter((e) => e.attrs.class === 'own' && e.parent?.attrs.class === 'month')).toHaveLength(0);
    const one = sampleReport('x', { window: { since: '2026-01-01T00:00:00Z', until: '2026-01-10T00:00:00Z', months: 1, label: '2026-01' } }, [1]);
    one.monthly = [month('2026-01', 1, 1, 0)];
    expect(elements(parseXml(renderSvg(one))).filter((e) => e.name === 'g')).toHaveLength(1);
  });

  it('escapes text and drops characters XML forbids', () => {
    expect(xml('a<&>"\u0001\ud800b')).toBe('a&lt;&amp;&gt;&quot;b');
  });
});

describe('drawChart', () => {
  it('draws the same chart from its own source, with nothing around it, as the HTML page does', () => {
    const report = sampleReport('drivers/x', {}, [3, 0, 1]);
    report.monthly[0] = month('2025-11', 3, 120, 9, 2);
    // Every function rebuilt from its text in an empty scope: a reference to an import would throw.
    const fresh = new Function(`
      const KIT = { grouped: ${KIT.grouped.toString()}, largest: ${KIT.largest.toString()}, xml: ${KIT.xml.toString()}, title: ${KIT.title.toString()} };
      return (${drawChart.toString()})(...arguments, KIT, 'kstat');`) as (c: unknown) => string;
    expect(`${fresh(chartOf(report))}\n`).toBe(renderSvg(report));
  });
});
