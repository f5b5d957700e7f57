import { Presets, SingleBar } from "cli-progress";

/** Progress of one phase at a time: the export job, the download, planning, the apply. */
export interface Progress {
  phase(label: string, total: number, unit: string): void;
  update(done: number): void;
  /** A line of its own, kept above a progress bar. */
  note(line: string): void;
  stop(): void;
}

interface Output {
  isTTY?: boolean;
  write(text: string): boolean;
}

const plainIntervalMs = 5_000;

function rateAndTimeLeft(done: number, total: number, startedAt: number, now: number) {
  const seconds = Math.max(0.001, (now - startedAt) / 1000);
  const rate = done / seconds;
  const left = rate > 0 && total > done ? Math.ceil((total - done) / rate) : 0;
  return { rate, left };
}

function formatCount(value: number): string {
  return Math.round(value).toLocaleString("en-US");
}

/**
 * On a terminal, cli-progress draws the bar (counts, rate, time left) and redraws it in place;
 * elsewhere (a CI log, a pipe) a plain line every few seconds, and at the start and end of each
 * phase, so a log shows where a long run is without thousands of redraws.
 */
export function createProgress(
  output: Output = process.stderr,
  now: () => number = Date.now,
): Progress {
  return output.isTTY ? terminalProgress(output) : plainProgress(output, now);
}

function terminalProgress(output: Output): Progress {
  let bar: SingleBar | undefined;
  let unit = "";
  let startedAt = 0;
  const stop = () => {
    bar?.stop();
    bar = undefined;
  };
  return {
    phase(label, total, phaseUnit) {
      stop();
      unit = phaseUnit;
      bar = new SingleBar(
        {
          format: `${label.padEnd(10)} {bar} {percentage}% | {value}/{total} ${unit} | {rate}/s | {eta_formatted} left`,
          stream: output as NodeJS.WritableStream,
          etaBuffer: 50,
          hideCursor: true,
          formatValue: (value, _options, type) =>
            type === "value" || type === "total" ? formatCount(value) : String(value),
        },
        Presets.shades_classic,
      );
      startedAt = Date.now();
      bar.start(total, 0, { rate: "0" });
    },
    update(done) {
      const seconds = Math.max(0.001, (Date.now() - startedAt) / 1000);
      bar?.update(done, { rate: formatCount(done / seconds) });
    },
    note(line) {
      if (bar) {
        output.write(`\r\u001b[2K${line}\n`);
        bar.render();
      } else output.write(`${line}\n`);
    },
    stop,
  };
}

function plainProgress(output: Output, now: () => number): Progress {
  let label = "";
  let unit = "";
  let total = 0;
  let done = 0;
  let startedAt = 0;
  let lastLineAt = 0;
  const line = () => {
    const { rate, left } = rateAndTimeLeft(done, total, startedAt, now());
    const share = total > 0 ? ` (${Math.floor((done / total) * 100)}%)` : "";
    output.write(
      `backfill: ${label} ${formatCount(done)}/${formatCount(total)} ${unit}${share}, ${formatCount(rate)}/s${left > 0 ? `, about ${left} s left` : ""}\n`,
    );
    lastLineAt = now();
  };
  return {
    phase(phaseLabel, phaseTotal, phaseUnit) {
      if (label !== "") line();
      label = phaseLabel;
      unit = phaseUnit;
      total = phaseTotal;
      done = 0;
      startedAt = now();
      line();
    },
    update(value) {
      done = value;
      if (now() - lastLineAt >= plainIntervalMs) line();
    },
    note(text) {
      output.write(`${text}\n`);
    },
    stop() {
      if (label !== "") line();
      label = "";
    },
  };
}
