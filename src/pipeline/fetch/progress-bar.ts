/**
 * Download progress on a text stream (stderr in the CLI): one bar per file with bytes done /
 * total (when the server sends a length), redrawn in place on a terminal and throttled; on a
 * non-terminal only a start and a finish line, so logs stay readable.
 */
export interface ProgressSink {
  /** A file starts (or resumes at `from` bytes); `total` is null when the length is unknown. */
  start(label: string, total: number | null, from: number): void;
  /** Bytes received so far for the current file. */
  update(done: number): void;
  /** The current file is complete (`skipped`: it was already in the cache). */
  finish(label: string, bytes: number, skipped?: boolean): void;
  /** A free-form note (e.g. a retry after an interrupted download). */
  note(message: string): void;
}

/** A sink that prints nothing (tests, `--quiet`). */
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

/** Renders `label [#######.......]  1.2 MB / 3.4 MB  35%` on `out`. */
export function createProgressBar(out: NodeJS.WriteStream, width = 24): ProgressSink {
  const tty = out.isTTY === true;
  let label = '';
  let total: number | null = null;
  let last = 0;
  const draw = (done: number): void => {
    const size = total !== null ? `${formatBytes(done)} / ${formatBytes(total)}` : formatBytes(done);
    if (total === null || total === 0) {
      out.write(`\r${label}  ${size}\x1b[K`);
      return;
    }
    const f = Math.min(1, done / total);
    const filled = Math.round(f * width);
    out.write(
      `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${size} ${Math.floor(f * 100)}%\x1b[K`,
    );
  };
  return {
    start(l, t, from) {
      label = l;
      total = t;
      last = 0;
      if (tty) draw(from);
      else
        out.write(
          `${l}: downloading${t !== null ? ` ${formatBytes(t)}` : ''}${from > 0 ? ` (resuming at ${formatBytes(from)})` : ''}\n`,
        );
    },
    update(done) {
      const now = Date.now();
      if (!tty || now - last < 100) return;
      last = now;
      draw(done);
    },
    finish(l, bytes, skipped) {
      const what = skipped ? `already in cache (${formatBytes(bytes)})` : `done, ${formatBytes(bytes)}`;
      out.write(tty && !skipped ? `\r${l}: ${what}\x1b[K\n` : `${l}: ${what}\n`);
    },
    note(message) {
      out.write(`${tty ? '\n' : ''}${message}\n`);
    },
  };
}
