import { parseXml } from '../../../../test/support/xml';
import { chainReportSvg } from './chain-report.svg';

describe('chain report chart (SVG)', () => {
  const rows = [
    { chainRole: 'first-conversation' as const, assigned: 7, certified: 3, inProgress: 1 },
    { chainRole: 'deeper-conversation' as const, assigned: 0, certified: 0, inProgress: 0 },
    { chainRole: 'intake-referral' as const, assigned: 2, certified: 0, inProgress: 2 },
    { chainRole: 'coordinator' as const, assigned: 1, certified: 1, inProgress: 0 },
  ];

  it('is well-formed XML with an svg root that names every role and its numbers in text', () => {
    const { root, text } = parseXml(chainReportSvg('Gemeente "A" & <B>', rows));
    expect(root).toBe('svg');
    for (const role of ['eerste gesprek', 'verdiepend gesprek', 'intake en verwijzing', 'spin in het web']) expect(text).toContain(role);
    expect(text).toContain('Ketenrapport Gemeente "A" & <B>');
    expect(text).toContain('7 toegewezen: 3 gecertificeerd · 1 bezig · 3 nog niet begonnen');
  });

  it('tells the parts apart by pattern, not only by colour, with a legend', () => {
    const svg = chainReportSvg('X', rows);
    for (const id of ['p-certified', 'p-progress', 'p-open']) expect(svg).toContain(`fill="url(#${id})"`);
    const { text } = parseXml(svg);
    for (const word of ['gecertificeerd', 'bezig', 'nog niet begonnen']) expect(text).toContain(word);
  });

  it('the checker refuses what is not XML', () => {
    expect(() => parseXml('<svg><g></svg>')).toThrow();
    expect(() => parseXml('<svg>a & b</svg>')).toThrow();
    expect(() => parseXml('<svg a="1" a="2"/>')).toThrow();
  });
});
