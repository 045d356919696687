// Small SVG charts, written here rather than taken from a library (docs/adr/0003: few
// dependencies). A chart is a picture of a table shown beside it: the SVG is an image with a
// title and a one-sentence description, and every number it draws is in that table. Series
// differ by line style and marker shape as well as colour, so colour is never the only cue.

import { html, nothing, type SafeHtml } from './html';

const WIDTH = 640;
const HEIGHT = 280;
const PAD = { top: 20, right: 20, bottom: 50, left: 56 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

// Colours with at least 3:1 contrast against white (WCAG 1.4.11), and distinct dash patterns.
const STYLES = [
  { colour: '#1d70b8', dash: '', marker: 'circle' },
  { colour: '#d4351c', dash: '8 4', marker: 'square' },
  { colour: '#00703c', dash: '2 4', marker: 'triangle' },
] as const;

export interface LineSeries {
  name: string;
  // One value per label; null where there is none.
  values: (number | null)[];
}

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function ticks(max: number, count = 4): number[] {
  return Array.from({ length: count + 1 }, (_, i) => (max * i) / count);
}

function marker(shape: string, x: number, y: number, colour: string): SafeHtml {
  if (shape === 'square') return html`<rect x="${x - 4}" y="${y - 4}" width="8" height="8" fill="${colour}"></rect>`;
  if (shape === 'triangle') return html`<path d="M${x} ${y - 5} L${x + 5} ${y + 4} L${x - 5} ${y + 4} Z" fill="${colour}"></path>`;
  return html`<circle cx="${x}" cy="${y}" r="4.5" fill="${colour}"></circle>`;
}

function frame(id: string, title: string, description: string, yMax: number, format: (v: number) => string, yLabel: string, inner: SafeHtml, xLabels: SafeHtml): SafeHtml {
  const grid = ticks(yMax).map((t) => {
    const y = PAD.top + PLOT_H - (t / yMax) * PLOT_H;
    return html`<line x1="${PAD.left}" x2="${PAD.left + PLOT_W}" y1="${y}" y2="${y}" stroke="#b1b4b6" stroke-width="1"></line>
      <text x="${PAD.left - 8}" y="${y + 5}" text-anchor="end" class="app-chart__tick">${format(t)}</text>`;
  });
  return html`<figure class="app-chart" id="${id}">
    <svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false" preserveAspectRatio="xMidYMid meet">
      <title id="${id}-title">${title}</title>
      <desc id="${id}-desc">${description}</desc>
      ${grid}
      <text x="14" y="${PAD.top + PLOT_H / 2}" transform="rotate(-90 14 ${PAD.top + PLOT_H / 2})" text-anchor="middle" class="app-chart__axis">${yLabel}</text>
      <line x1="${PAD.left}" x2="${PAD.left + PLOT_W}" y1="${PAD.top + PLOT_H}" y2="${PAD.top + PLOT_H}" stroke="#0b0c0c" stroke-width="2"></line>
      ${xLabels}
      ${inner}
    </svg>
  </figure>`;
}

// A line chart of one or more series over the same labels (e.g. review cycles).
export function lineChart(o: { id: string; title: string; description: string; labels: string[]; series: LineSeries[]; yMax?: number; yLabel: string; format: (v: number) => string }): SafeHtml {
  const n = o.labels.length;
  const all = o.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const yMax = o.yMax ?? niceMax(Math.max(0, ...all));
  const xAt = (i: number) => PAD.left + (n <= 1 ? PLOT_W / 2 : (i * PLOT_W) / (n - 1));
  const yAt = (v: number) => PAD.top + PLOT_H - (Math.min(v, yMax) / yMax) * PLOT_H;
  const xLabels = html`${o.labels.map((label, i) => html`<text x="${xAt(i)}" y="${PAD.top + PLOT_H + 22}" text-anchor="middle" class="app-chart__tick">${label}</text>`)}`;
  const lines = o.series.map((s, si) => {
    const style = STYLES[si % STYLES.length]!;
    const points = s.values.map((v, i) => (v === null ? null : ([xAt(i), yAt(v)] as const))).filter((p): p is readonly [number, number] => p !== null);
    const d = points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${x.toFixed(1)} ${y.toFixed(1)}`).join(' ');
    return html`<g>
      ${points.length > 1 ? html`<path d="${d}" fill="none" stroke="${style.colour}" stroke-width="3"${style.dash ? html` stroke-dasharray="${style.dash}"` : nothing}></path>` : nothing}
      ${points.map(([x, y]) => marker(style.marker, x, y, style.colour))}
    </g>`;
  });
  return html`${frame(o.id, o.title, o.description, yMax, o.format, o.yLabel, html`${lines}`, xLabels)}${legend(o.series.map((s) => s.name))}`;
}

// Bars with an interval drawn on each (e.g. expected external appointments with the 90%
// interval).
export function barChart(o: { id: string; title: string; description: string; bars: { label: string; value: number; low?: number; high?: number }[]; yLabel: string; format: (v: number) => string }): SafeHtml {
  const n = o.bars.length;
  const yMax = niceMax(Math.max(0, ...o.bars.map((b) => Math.max(b.value, b.high ?? 0))));
  const slot = PLOT_W / Math.max(1, n);
  const barW = Math.min(60, slot * 0.6);
  const yAt = (v: number) => PAD.top + PLOT_H - (Math.min(v, yMax) / yMax) * PLOT_H;
  const xLabels = html`${o.bars.map((b, i) => html`<text x="${PAD.left + slot * (i + 0.5)}" y="${PAD.top + PLOT_H + 22}" text-anchor="middle" class="app-chart__tick">${b.label}</text>`)}`;
  const bars = o.bars.map((b, i) => {
    const cx = PAD.left + slot * (i + 0.5);
    const top = yAt(b.value);
    return html`<rect x="${cx - barW / 2}" y="${top}" width="${barW}" height="${PAD.top + PLOT_H - top}" fill="#1d70b8"></rect>
      ${b.low !== undefined && b.high !== undefined
        ? html`<g stroke="#0b0c0c" stroke-width="2">
            <line x1="${cx}" x2="${cx}" y1="${yAt(b.low)}" y2="${yAt(b.high)}"></line>
            <line x1="${cx - 8}" x2="${cx + 8}" y1="${yAt(b.low)}" y2="${yAt(b.low)}"></line>
            <line x1="${cx - 8}" x2="${cx + 8}" y1="${yAt(b.high)}" y2="${yAt(b.high)}"></line>
          </g>`
        : nothing}`;
  });
  return frame(o.id, o.title, o.description, yMax, o.format, o.yLabel, html`${bars}`, xLabels);
}

function legend(names: string[]): SafeHtml {
  if (names.length < 2) return nothing;
  return html`<ul class="govuk-list app-chart__legend" aria-hidden="true">
    ${names.map((name, i) => {
      const style = STYLES[i % STYLES.length]!;
      return html`<li><svg width="40" height="14" focusable="false"><line x1="2" x2="38" y1="7" y2="7" stroke="${style.colour}" stroke-width="3"${
        style.dash ? html` stroke-dasharray="${style.dash}"` : nothing
      }></line>${marker(style.marker, 20, 7, style.colour)}</svg> ${name}</li>`;
    })}
  </ul>`;
}
