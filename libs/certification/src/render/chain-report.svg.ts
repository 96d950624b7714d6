import type { ChainRole } from '@schakel/common';
import { CHAIN_ROLE_LABELS } from './chain-role-labels';

export interface ChainChartRow {
  chainRole: ChainRole;
  assigned: number;
  certified: number;
  inProgress: number;
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The three parts of a bar, each with its own fill pattern, so the chart reads without colour. */
const PARTS = [
  { key: 'certified', label: 'gecertificeerd', fill: 'url(#p-certified)' },
  { key: 'inProgress', label: 'bezig', fill: 'url(#p-progress)' },
  { key: 'notStarted', label: 'nog niet begonnen', fill: 'url(#p-open)' },
] as const;

const WIDTH = 760;
const LABEL_WIDTH = 190;
const BAR_WIDTH = 480;
const BAR_HEIGHT = 34;
const ROW_HEIGHT = 64;
const TOP = 70;

/**
 * The chain report as a horizontal stacked-bar chart (pure: same numbers, same bytes).
 * Every role is named in text, every part of a bar carries its number, and the parts differ
 * by pattern (solid, hatched, dotted) as well as by shade; the legend repeats the patterns.
 * A <title> and <desc> give screen readers the whole table.
 */
export function chainReportSvg(organisationName: string, rows: ChainChartRow[]): string {
  const height = TOP + rows.length * ROW_HEIGHT + 60;
  const scale = Math.max(1, ...rows.map((r) => r.assigned));
  const summary = rows
    .map((r) => `${CHAIN_ROLE_LABELS.nl[r.chainRole]}: ${r.assigned} toegewezen, ${r.certified} gecertificeerd, ${r.inProgress} bezig`)
    .join('; ');
  const bars = rows.map((row, index) => bar(row, TOP + index * ROW_HEIGHT, scale)).join('\n');
  const legend = PARTS.map((part, i) => {
    const x = LABEL_WIDTH + i * 170;
    const y = TOP + rows.length * ROW_HEIGHT + 20;
    return `<rect x="${x}" y="${y}" width="22" height="16" fill="${part.fill}" stroke="#1d1d1b"/><text x="${x + 30}" y="${y + 13}">${part.label}</text>`;
  }).join('\n  ');
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="chart-title chart-desc" font-family="Arial, Helvetica, sans-serif" font-size="15" fill="#1d1d1b">
  <title id="chart-title">Ketenrapport ${escape(organisationName)}</title>
  <desc id="chart-desc">${escape(summary)}</desc>
  <defs>
    <pattern id="p-certified" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#1d4f91"/></pattern>
    <pattern id="p-progress" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#ffffff"/><rect width="4" height="8" fill="#6b8fc2"/></pattern>
    <pattern id="p-open" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="#ffffff"/><circle cx="4" cy="4" r="1.3" fill="#555555"/></pattern>
  </defs>
  <text x="20" y="32" font-size="20" font-weight="bold">Ketenrapport ${escape(organisationName)}</text>
  <text x="20" y="54">Per rol in de keten: hoeveel mensen gecertificeerd zijn, bezig zijn of nog niet begonnen zijn.</text>
${bars}
  ${legend}
</svg>
`;
}

function bar(row: ChainChartRow, y: number, scale: number): string {
  const notStarted = Math.max(0, row.assigned - row.certified - row.inProgress);
  const values = { certified: row.certified, inProgress: row.inProgress, notStarted };
  let x = LABEL_WIDTH;
  const parts = PARTS.filter((part) => values[part.key] > 0).map((part) => {
    const width = (values[part.key] / scale) * BAR_WIDTH;
    const rect = `<rect x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" fill="${part.fill}" stroke="#1d1d1b"><title>${part.label}: ${values[part.key]}</title></rect>`;
    x += width;
    return rect;
  });
  const numbers = `${row.certified} gecertificeerd · ${row.inProgress} bezig · ${notStarted} nog niet begonnen`;
  return `  <g>
    <text x="20" y="${y + 22}" font-weight="bold">${escape(CHAIN_ROLE_LABELS.nl[row.chainRole])}</text>
    ${parts.join('\n    ') || `<rect x="${LABEL_WIDTH}" y="${y}" width="2" height="${BAR_HEIGHT}" fill="#1d1d1b"/>`}
    <text x="${LABEL_WIDTH + 4}" y="${y + BAR_HEIGHT + 17}" font-size="13">${row.assigned} toegewezen: ${numbers}</text>
  </g>`;
}
