/**
 * The part of OData `$filter` the stand-in CBS services understand — what CBS tables are queried
 * with: `eq`, `ne`, `startswith(f,'x')`, `substringof('x',f)`, `substring(f,a,b) eq 'x'`, `and`,
 * `or`, `not`, parentheses — and a CBS table as a *cube*: ordered dimensions (each a key list)
 * times topics, rows numbered in dimension order, never materialised. A filter whose top-level
 * `and` clauses each name one dimension is applied per dimension, so a page of a 30-million-row
 * table is computed, not scanned.
 */
export type Expr =
  | { op: 'and' | 'or'; args: Expr[] }
  | { op: 'not'; arg: Expr }
  | { op: 'cmp'; cmp: string; left: Operand; right: Operand }
  | { op: 'call'; fn: 'startswith' | 'endswith' | 'substringof'; args: Operand[] };

export type Operand =
  | { kind: 'field'; name: string }
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'substring'; field: string; start: number; length: number | undefined };

export class FilterError extends Error {}

function tokenize(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length;) {
    const c = s[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let j = i + 1;
      let v = '';
      for (;;) {
        if (j >= s.length) throw new FilterError('unterminated string');
        if (s[j] === "'" && s[j + 1] === "'") {
          v += "'";
          j += 2;
        } else if (s[j] === "'") break;
        else v += s[j++];
      }
      out.push(`'${v}`);
      i = j + 1;
    } else if (c === '(' || c === ')' || c === ',') {
      out.push(c);
      i++;
    } else {
      const m = /^[\w.-]+/.exec(s.slice(i));
      if (!m) throw new FilterError(`unexpected '${c}'`);
      out.push(m[0]);
      i += m[0].length;
    }
  }
  return out;
}

export function parseFilter(text: string): Expr {
  const t = tokenize(text);
  let p = 0;
  const peek = (): string | undefined => t[p];
  const next = (): string => {
    const v = t[p++];
    if (v === undefined) throw new FilterError('unexpected end of filter');
    return v;
  };
  const expect = (v: string): void => {
    if (next() !== v) throw new FilterError(`expected '${v}'`);
  };
  const operand = (): Operand => {
    const v = next();
    if (v.startsWith("'")) return { kind: 'string', value: v.slice(1) };
    if (/^-?\d+(\.\d+)?$/.test(v)) return { kind: 'number', value: Number(v) };
    if (v === 'substring') {
      expect('(');
      const field = next();
      expect(',');
      const start = Number(next());
      let length: number | undefined;
      if (peek() === ',') {
        next();
        length = Number(next());
      }
      expect(')');
      return { kind: 'substring', field, start, length };
    }
    return { kind: 'field', name: v };
  };
  const factor = (): Expr => {
    const v = peek();
    if (v === '(') {
      next();
      const e = expr();
      expect(')');
      return e;
    }
    if (v === 'not') {
      next();
      return { op: 'not', arg: factor() };
    }
    if (v === 'startswith' || v === 'endswith' || v === 'substringof') {
      next();
      expect('(');
      const a = operand();
      expect(',');
      const b = operand();
      expect(')');
      const call: Expr = { op: 'call', fn: v, args: [a, b] };
      if (peek() === 'eq') {
        next();
        const want = next();
        return want === 'false' ? { op: 'not', arg: call } : call;
      }
      return call;
    }
    const left = operand();
    const cmp = next();
    if (!['eq', 'ne', 'gt', 'ge', 'lt', 'le'].includes(cmp))
      throw new FilterError(`unknown operator '${cmp}'`);
    return { op: 'cmp', cmp, left, right: operand() };
  };
  const term = (): Expr => {
    const args = [factor()];
    while (peek() === 'and') {
      next();
      args.push(factor());
    }
    return args.length === 1 ? args[0]! : { op: 'and', args };
  };
  const expr = (): Expr => {
    const args = [term()];
    while (peek() === 'or') {
      next();
      args.push(term());
    }
    return args.length === 1 ? args[0]! : { op: 'or', args };
  };
  const e = expr();
  if (p !== t.length) throw new FilterError(`unexpected '${t[p]}'`);
  return e;
}

export function fieldsOf(e: Expr): Set<string> {
  const out = new Set<string>();
  const op = (o: Operand): void => {
    if (o.kind === 'field') out.add(o.name);
    if (o.kind === 'substring') out.add(o.field);
  };
  const walk = (x: Expr): void => {
    if (x.op === 'and' || x.op === 'or') x.args.forEach(walk);
    else if (x.op === 'not') walk(x.arg);
    else if (x.op === 'cmp') {
      op(x.left);
      op(x.right);
    } else if (x.op === 'call') for (const a of x.args) op(a);
  };
  walk(e);
  return out;
}

export function evaluate(e: Expr, get: (field: string) => unknown): boolean {
  const val = (o: Operand): unknown => {
    if (o.kind === 'field') return get(o.name);
    if (o.kind === 'substring') {
      const s = String(get(o.field) ?? '');
      return o.length === undefined ? s.slice(o.start) : s.substr(o.start, o.length);
    }
    return o.value;
  };
  switch (e.op) {
    case 'and':
      return e.args.every((a) => evaluate(a, get));
    case 'or':
      return e.args.some((a) => evaluate(a, get));
    case 'not':
      return !evaluate(e.arg, get);
    case 'call': {
      const [a, b] = e.args.map((x) => String(val(x!) ?? ''));
      if (e.fn === 'startswith') return a!.startsWith(b!);
      if (e.fn === 'endswith') return a!.endsWith(b!);
      return b!.includes(a!);
    }
    case 'cmp': {
      const l = val(e.left);
      const r = val(e.right);
      switch (e.cmp) {
        case 'eq':
          return l === r;
        case 'ne':
          return l !== r;
        case 'gt':
          return (l as number) > (r as number);
        case 'ge':
          return (l as number) >= (r as number);
        case 'lt':
          return (l as number) < (r as number);
        default:
          return (l as number) <= (r as number);
      }
    }
  }
}

/** A CBS table as a cube. */
export interface Cube {
  /** Dimension keys in table order, each with its (padded) key list. */
  dimensions: { key: string; keys: readonly string[] }[];
  /** Topic keys in table order. */
  topics: readonly string[];
  /** The value of a topic in the row with these dimension keys. */
  value(dims: Readonly<Record<string, string>>, topic: string): unknown;
}

export interface CubeSelection {
  /** Per dimension: the indexes of its keys that pass the filter. */
  kept: number[][];
  count: number;
}

/** The rows of `cube` passing `filter`: each top-level `and` clause must name one dimension. */
export function selectCube(cube: Cube, filter: Expr | undefined): CubeSelection {
  const clauses = filter === undefined ? [] : filter.op === 'and' ? filter.args : [filter];
  const kept = cube.dimensions.map((d) => d.keys.map((_, i) => i));
  for (const clause of clauses) {
    const fields = [...fieldsOf(clause)];
    const dim = cube.dimensions.findIndex((d) => d.key === fields[0]);
    if (fields.length !== 1 || dim < 0)
      throw new FilterError(
        `the filter clause on ${fields.join(', ') || 'nothing'} is not on one dimension (the stand-in supports per-dimension filters)`,
      );
    const keys = cube.dimensions[dim]!.keys;
    kept[dim] = kept[dim]!.filter((i) => evaluate(clause, () => keys[i]));
  }
  return { kept, count: kept.reduce((n, k) => n * k.length, 1) };
}

/** Row `n` of a selection (0-based): its global ID (position in the whole cube) and dimension keys. */
export function cubeRow(
  cube: Cube,
  sel: CubeSelection,
  n: number,
): { id: number; dims: Record<string, string> } {
  const dims: Record<string, string> = {};
  let rest = n;
  const idx: number[] = new Array<number>(sel.kept.length);
  for (let d = sel.kept.length - 1; d >= 0; d--) {
    const k = sel.kept[d]!;
    idx[d] = k[rest % k.length]!;
    rest = Math.floor(rest / k.length);
  }
  let id = 0;
  cube.dimensions.forEach((d, i) => {
    dims[d.key] = d.keys[idx[i]!]!;
    id = id * d.keys.length + idx[i]!;
  });
  return { id, dims };
}
