/**
 * Download progress on a text stream (stderr in the CLI): one bar per file with what is done of
 * the total (bytes, or rows for a CBS table), the rate and the time left, redrawn in place on a
 * terminal (at most 10 times a second). On a non-terminal (a log) a line when a file starts, one
 * every 10 s while it runs, and one when it is done, so logs stay readable.
 */
export type ProgressUnit = 'bytes' | 'rows';

export interface ProgressSink {
  /** A file starts (or resumes at `from`); `total` is null when the length is unknown. */
  start(label: string, total: number | null, from: number, unit?: ProgressUnit): void;
  /** Amount done so far for the current file. */
  update(done: number): void;
  /** The current file is complete (`skipped`: it was already in the cache); `bytes` its size. */
  finish(label: string, bytes: number, skipped?: boolean): void;
  /** A free-form line (a retry after a failure, a plan, a summary). */
  note(message: string): void;
}

/** A sink that prints nothing (tests, `--json`). */
export const silentProgress: ProgressSink = { start() {}, update() {}, finish() {}, note() {} };

/** "12.3 MB" */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['kB', 'MB', 'GB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(1)} ${units[i]}`;
}

/** "1:05", "1:02:03" */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

function formatAmount(n: number, unit: ProgressUnit): string {
  return unit === 'bytes' ? formatBytes(n) : `${n.toLocaleString('en-US')} rows`;
}

export interface ProgressBarOptions {
  width?: number;
  /** Clock in ms (tests). */
  now?: () => number;
  /** Draw in place even when the stream is not a terminal (tests). */
  tty?: boolean;
}

/** Renders `label [#######.......] 1.2 MB / 3.4 MB  35%  850 kB/s  ETA 0:03` on `out`. */
export function createProgressBar(
  out: Pick<NodeJS.WriteStream, 'write'> & { isTTY?: boolean },
  options: ProgressBarOptions = {},
): ProgressSink {
  const width = options.width ?? 24;
  const now = options.now ?? (() => Date.now());
  const tty = options.tty ?? out.isTTY === true;
  let label = '';
  let total: number | null = null;
  let unit: ProgressUnit = 'bytes';
  let from = 0;
  let startedAt = 0;
  let lastDraw = 0;
  let drawn = false;

  const status = (done: number): string => {
    const elapsed = (now() - startedAt) / 1000;
    const rate = elapsed > 0.2 ? (done - from) / elapsed : 0;
    const amount =
      total !== null
        ? `${formatAmount(done, unit)} / ${formatAmount(total, unit)}`
        : formatAmount(done, unit);
    const parts = [amount];
    if (total !== null && total > 0) parts.push(`${Math.floor(Math.min(1, done / total) * 100)}%`);
    if (rate > 0) {
      parts.push(unit === 'bytes' ? `${formatBytes(rate)}/s` : `${Math.round(rate)} rows/s`);
      if (total !== null && total > done) parts.push(`ETA ${formatDuration((total - done) / rate)}`);
    }
    return parts.join('  ');
  };
  const draw = (done: number): void => {
    drawn = true;
    if (total === null || total === 0) {
      out.write(`\r${label}  ${status(done)}\x1b[K`);
      return;
    }
    const filled = Math.round(Math.min(1, done / total) * width);
    out.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${status(done)}\x1b[K`);
  };
  return {
    start(l, t, f, u = 'bytes') {
      label = l;
      total = t;
      unit = u;
      from = f;
      startedAt = now();
      lastDraw = startedAt;
      if (tty) draw(f);
      else {
        const size = t !== null ? ` ${formatAmount(t, u)}` : '';
        out.write(`${l}: downloading${size}${f > 0 ? ` (resuming at ${formatAmount(f, u)})` : ''}\n`);
      }
    },
    update(done) {
      const t = now();
      if (tty ? t - lastDraw < 100 : t - lastDraw < 10_000) return;
      lastDraw = t;
      if (tty) draw(done);
      else out.write(`${label}: ${status(done)}\n`);
    },
    finish(l, bytes, skipped) {
      const seconds = (now() - startedAt) / 1000;
      const what = skipped
        ? `already in cache (${formatBytes(bytes)})`
        : `done, ${formatBytes(bytes)}${l === label && seconds >= 0.1 ? ` in ${seconds.toFixed(1)} s` : ''}`;
      out.write(tty && drawn && !skipped ? `\r${l}: ${what}\x1b[K\n` : `${l}: ${what}\n`);
      drawn = false;
    },
    note(message) {
      out.write(`${tty && drawn ? '\n' : ''}${message}\n`);
      drawn = false;
    },
  };
}
