import { type ActionUnderTest, actionLabels, actionsUnderTest } from "../actions-under-test";
import { type LatencyKind, latencyKinds } from "../phases/latency";
import type { BenchResults } from "../results";
import type { Distribution } from "../statistics";
import { niceCeiling, pixel } from "./svg-scale";

const width = 760;
const height = 380;
const margin = { top: 50, right: 20, bottom: 70, left: 60 };
const colours: Record<ActionUnderTest, string> = {
  baseline: "#c0504d",
  "link-accounts": "#4f81bd",
};
const barWidth = 70;

/**
 * `reports/latency.svg`: for each login kind, one bar per Action up to the median added latency,
 * with a whisker from p95 to p99.
 */
export function renderLatencySvg(results: BenchResults): string {
  const figure = (action: ActionUnderTest, kind: LatencyKind): Distribution =>
    results.actions[action].latency.byKind[kind];
  const top = Math.max(
    1,
    ...actionsUnderTest.flatMap((action) => latencyKinds.map((kind) => figure(action, kind).p99)),
  );
  const scaleMax = niceCeiling(top);
  const plotHeight = height - margin.top - margin.bottom;
  const plotWidth = width - margin.left - margin.right;
  const y = (ms: number) => pixel(margin.top + plotHeight - (ms / scaleMax) * plotHeight);
  const groupWidth = plotWidth / latencyKinds.length;

  const ticks = Array.from({ length: 6 }, (_, i) => (scaleMax * i) / 5);
  const axis = ticks.map(
    (tick) =>
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(tick)}" y2="${y(tick)}" stroke="#ddd"/>` +
      `<text x="${margin.left - 6}" y="${y(tick) + 4}" text-anchor="end">${round(tick)}</text>`,
  );
  const bars = latencyKinds.flatMap((kind, group) => {
    const centre = pixel(margin.left + groupWidth * group + groupWidth / 2);
    const label = `<text x="${centre}" y="${height - margin.bottom + 20}" text-anchor="middle">${kind}</text>`;
    return [
      label,
      ...actionsUnderTest.map((action, index) => {
        const d = figure(action, kind);
        const x = pixel(centre + (index - 1) * (barWidth + 6) + 3);
        const mid = pixel(x + barWidth / 2);
        return [
          `<rect x="${x}" y="${y(d.p50)}" width="${barWidth}" height="${pixel(y(0) - y(d.p50))}" fill="${colours[action]}"><title>${action} ${kind}: p50 ${round(d.p50)} ms, p95 ${round(d.p95)} ms, p99 ${round(d.p99)} ms</title></rect>`,
          `<line x1="${mid}" x2="${mid}" y1="${y(d.p95)}" y2="${y(d.p99)}" stroke="#333"/>`,
          `<line x1="${pixel(mid - 8)}" x2="${pixel(mid + 8)}" y1="${y(d.p95)}" y2="${y(d.p95)}" stroke="#333"/>`,
          `<line x1="${pixel(mid - 8)}" x2="${pixel(mid + 8)}" y1="${y(d.p99)}" y2="${y(d.p99)}" stroke="#333"/>`,
          `<text x="${mid}" y="${y(d.p99) - 6}" text-anchor="middle">${round(d.p50)}</text>`,
        ].join("");
      }),
    ];
  });
  const legend = actionsUnderTest.map(
    (action, index) =>
      `<rect x="${margin.left + index * 260}" y="${height - 28}" width="12" height="12" fill="${colours[action]}"/>` +
      `<text x="${margin.left + index * 260 + 18}" y="${height - 18}">${actionLabels[action]}</text>`,
  );
  const latency = results.actions["link-accounts"].latency.requestLatencyMs;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">Time the Action adds to a login (ms): bar p50, whisker p95 to p99</text>`,
    `<text x="${width / 2}" y="40" text-anchor="middle" fill="#555">each request to the tenant delayed ${latency} ms; returning: accounts stored in lower case; label: p50</text>`,
    ...axis,
    ...bars,
    ...legend,
    "</svg>",
    "",
  ].join("\n");
}

function round(ms: number): string {
  if (ms === 0) return "0";
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(0);
}
