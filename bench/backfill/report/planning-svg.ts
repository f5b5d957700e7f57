import { niceCeiling, pixel } from "../../report/svg-scale";
import type { BackfillBenchResults } from "../results";

const panelWidth = 400;
const height = 340;
const margin = { top: 60, right: 20, bottom: 50, left: 60 };

interface Panel {
  title: string;
  unit: string;
  points: [number, number][];
  target: number;
  /** The fitted line, value at x. */
  fit?: (users: number) => number;
  /** A second series drawn beside the first, with its label. */
  second?: { label: string; points: [number, number][] };
}

const colours = { first: "#4f81bd", second: "#9bbb59" };

/**
 * `reports/backfill.svg`: planning an export file, peak memory and time (wall and CPU) against
 * the number of users, each with its target and (memory) the fitted line behind the 10M
 * projection.
 */
export function renderPlanningSvg(results: BackfillBenchResults): string {
  const runs = results.plan.runs.filter((run) => run.exitCode === 0);
  const growth = results.plan.memoryGrowth;
  const memory: Panel = {
    title: "peak memory (MB)",
    unit: "MB",
    points: runs.flatMap((run) =>
      run.peakRssMB === undefined ? [] : [[run.users, run.peakRssMB] as [number, number]],
    ),
    target: 500,
    ...(growth
      ? { fit: (users: number) => growth.baseMB + (growth.bytesPerUser * users) / 1e6 }
      : {}),
  };
  const time: Panel = {
    title: "wall time (s), and CPU time in green",
    unit: "s",
    points: runs.map((run) => [run.users, run.wallSeconds]),
    target: 15,
    second: {
      label: "CPU",
      points: runs.flatMap((run) =>
        run.cpuSeconds === undefined ? [] : [[run.users, run.cpuSeconds] as [number, number]],
      ),
    },
  };
  const width = panelWidth * 2;
  const projection = growth
    ? `fitted: ${growth.baseMB} MB + ${growth.bytesPerUser} bytes per user; 10M users: about ${growth.projected10MMB.toLocaleString("en-US")} MB`
    : "too few runs to fit memory growth";
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${width / 2}" y="20" text-anchor="middle" font-size="15">Backfill dry run over an export file, by number of users</text>`,
    `<text x="${width / 2}" y="38" text-anchor="middle" fill="#555">${projection}; dashed red: target</text>`,
    renderPanel(memory, 0),
    renderPanel(time, panelWidth),
    "</svg>",
    "",
  ].join("\n");
}

function renderPanel(panel: Panel, offsetX: number): string {
  const maxUsers = Math.max(1, ...panel.points.map(([users]) => users));
  const values = [...panel.points, ...(panel.second?.points ?? [])].map(([, value]) => value);
  const maxValue = niceCeiling(Math.max(panel.target * 1.1, ...values));
  const plotWidth = panelWidth - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const x = (users: number) => pixel(offsetX + margin.left + (users / maxUsers) * plotWidth);
  const y = (value: number) => pixel(margin.top + plotHeight - (value / maxValue) * plotHeight);
  const yTicks = Array.from({ length: 6 }, (_, i) => (maxValue * i) / 5);
  const xTicks = Array.from({ length: 5 }, (_, i) => (maxUsers * i) / 4);
  const parts = [
    `<text x="${offsetX + panelWidth / 2}" y="${margin.top - 8}" text-anchor="middle" font-size="13">${panel.title}</text>`,
    ...yTicks.map(
      (tick) =>
        `<line x1="${x(0)}" x2="${x(maxUsers)}" y1="${y(tick)}" y2="${y(tick)}" stroke="#ddd"/><text x="${x(0) - 6}" y="${y(tick) + 4}" text-anchor="end">${round(tick)}</text>`,
    ),
    ...xTicks.map(
      (tick) =>
        `<text x="${x(tick)}" y="${y(0) + 18}" text-anchor="middle">${shortCount(tick)}</text>`,
    ),
    `<text x="${offsetX + panelWidth / 2}" y="${height - 10}" text-anchor="middle">users in the export</text>`,
    `<line x1="${x(0)}" x2="${x(maxUsers)}" y1="${y(panel.target)}" y2="${y(panel.target)}" stroke="#c0504d" stroke-dasharray="6 4"/>`,
  ];
  if (panel.fit) {
    parts.push(
      `<line x1="${x(0)}" x2="${x(maxUsers)}" y1="${y(panel.fit(0))}" y2="${y(panel.fit(maxUsers))}" stroke="#9bb7d4"/>`,
    );
  }
  parts.push(...renderSeries(panel.points, colours.first, panel.unit, "", x, y));
  if (panel.second) {
    const { label, points } = panel.second;
    parts.push(...renderSeries(points, colours.second, panel.unit, `${label} `, x, y));
  }
  return parts.join("\n");
}

function renderSeries(
  points: [number, number][],
  colour: string,
  unit: string,
  label: string,
  x: (users: number) => number,
  y: (value: number) => number,
): string[] {
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  const parts: string[] = [];
  if (sorted.length > 1) {
    parts.push(
      `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${sorted.map(([u, v]) => `${x(u)},${y(v)}`).join(" ")}"/>`,
    );
  }
  for (const [users, value] of sorted) {
    parts.push(
      `<circle cx="${x(users)}" cy="${y(value)}" r="4" fill="${colour}"><title>${users.toLocaleString("en-US")} users: ${label}${value} ${unit}</title></circle>`,
      `<text x="${x(users)}" y="${y(value) - 8}" text-anchor="middle" fill="${colour === colours.first ? "#000" : "#4a6b1f"}">${round(value)}</text>`,
    );
  }
  return parts;
}

function shortCount(count: number): string {
  if (count >= 1_000_000) return `${round(count / 1_000_000)}M`;
  if (count >= 1_000) return `${round(count / 1_000)}k`;
  return String(Math.round(count));
}

function round(value: number): string {
  return Number.isInteger(value) ? String(value) : value < 10 ? value.toFixed(1) : value.toFixed(0);
}
