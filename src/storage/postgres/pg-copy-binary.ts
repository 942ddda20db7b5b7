/**
 * Rows for `COPY … FROM STDIN (FORMAT binary)`: the signature and an empty header, then per row
 * the field count (int16) and per field its length (int32, −1 for NULL) and bytes in the column
 * type's binary form (int4 and float8 big-endian, text as UTF-8), and −1 (int16) at the end
 * (PostgreSQL's "COPY", section "Binary Format"). Written straight into large buffers: the text
 * format cost a string per row, an escape test per text field and a conversion of every chunk,
 * and the server parsed each number back from text.
 */

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const CHUNK = 1 << 20;

/** One binary COPY stream as a sequence of buffers of about CHUNK bytes. */
export class BinaryCopyWriter {
  private buf = Buffer.allocUnsafe(CHUNK);
  private at = 0;
  private readonly done: Buffer[] = [];

  constructor() {
    SIGNATURE.copy(this.buf, 0);
    this.buf.writeInt32BE(0, 11); // flags: no OIDs
    this.buf.writeInt32BE(0, 15); // header extension length
    this.at = 19;
  }

  /** Starts a row of `fields` fields; `bytes` is an upper bound of its size. */
  row(fields: number, bytes: number): void {
    this.room(2 + bytes);
    this.buf.writeInt16BE(fields, this.at);
    this.at += 2;
  }

  int4(v: number | null): void {
    if (v === null) return this.nullField();
    this.buf.writeInt32BE(4, this.at);
    this.buf.writeInt32BE(v, this.at + 4);
    this.at += 8;
  }

  float8(v: number | null): void {
    if (v === null) return this.nullField();
    this.buf.writeInt32BE(8, this.at);
    this.buf.writeDoubleBE(v, this.at + 4);
    this.at += 12;
  }

  text(v: string | null): void {
    if (v === null) return this.nullField();
    const n = this.buf.write(v, this.at + 4, 'utf8');
    this.buf.writeInt32BE(n, this.at);
    this.at += 4 + n;
  }

  /** Bytes a text field may take (UTF-8 needs at most 3 bytes per UTF-16 code unit). */
  static textBound(v: string | null): number {
    return 4 + (v === null ? 0 : v.length * 3);
  }

  /** True when a buffer is full and waiting to be taken. */
  get full(): boolean {
    return this.done.length > 0;
  }

  /** The buffers written so far, each handed out once; `end` adds the trailer. */
  take(end = false): Buffer[] {
    if (end) {
      this.room(2);
      this.buf.writeInt16BE(-1, this.at);
      this.at += 2;
    }
    if (end && this.at > 0) this.seal();
    return this.done.splice(0);
  }

  private nullField(): void {
    this.buf.writeInt32BE(-1, this.at);
    this.at += 4;
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buf.length) return;
    this.seal();
    this.buf = Buffer.allocUnsafe(Math.max(CHUNK, bytes));
  }

  private seal(): void {
    this.done.push(this.buf.subarray(0, this.at));
    this.at = 0;
  }
}
