// A tiny emulation of Python's print() and repr() for the seed examples, so that a ported cell prints
// the same text as the Python original:
//   - tensors and graph nodes print through String(x): tensorgrad's PyTorch repr ("tensor(-2.)", "<MulBackward0>");
//   - null -> None, true/false -> True/False;
//   - a JS number is a Python float (API.md: "a JS number is a float"): 1 -> 1.0, 1e-5 -> 1e-05, 1e16 -> 1e+16,
//     digits from JS's shortest round-trip conversion, laid out by Python's float repr rules;
//   - int(n) or a bigint is a Python int: 0 -> 0;
//   - tuple(a, b) is a Python tuple "(a, b)", a JS array is a Python list "[a, b]";
//   - strings print raw at the top level and quoted (Python repr) inside tuples and lists.
// print writes through process.stdout.write, so a caller can capture it by replacing that function.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Tensor } from "../../src/index.js";

/** A Python tuple: prints as `(a, b)`, `(a,)`, `()`. */
export class PyTuple {
  readonly items: readonly unknown[];
  constructor(items: readonly unknown[]) {
    this.items = items;
  }
}
/** Builds a Python tuple for print/repr. */
export function tuple(...items: unknown[]): PyTuple {
  return new PyTuple(items);
}

/** A Python int (a JS number alone stands for a Python float). */
export class PyInt {
  readonly value: number | bigint;
  constructor(value: number | bigint) {
    if (typeof value === "number" && !Number.isInteger(value)) throw new TypeError(`int(${value}): not an integer`);
    this.value = value;
  }
}
/** Marks a JS number as a Python int: print(int(0)) prints `0`, print(0) prints `0.0`. */
export function int(value: number | bigint): PyInt {
  return new PyInt(value);
}

/** A Python class object, as `type(x)` returns it: prints `<class 'torch.Tensor'>`. */
export class PyClass {
  readonly qualname: string;
  constructor(qualname: string) {
    this.qualname = qualname;
  }
  toString(): string {
    return `<class '${this.qualname}'>`;
  }
}

/** A torch.Size, printed as `torch.Size([2, 2])` (tensorgrad's shapes are number[]). */
export class PySize {
  readonly dims: readonly number[];
  constructor(dims: readonly number[]) {
    this.dims = dims;
  }
}
export function size(dims: readonly number[]): PySize {
  return new PySize(dims);
}

/** Python's type(x) for the values the seeds print: pyType(t) prints `<class 'torch.Tensor'>`. */
export function pyType(x: unknown): PyClass {
  if (x instanceof Tensor) return new PyClass("torch.Tensor");
  if (x === null) return new PyClass("NoneType");
  if (typeof x === "boolean") return new PyClass("bool");
  if (typeof x === "number") return new PyClass("float");
  if (typeof x === "bigint" || x instanceof PyInt) return new PyClass("int");
  if (typeof x === "string") return new PyClass("str");
  if (x instanceof PyTuple) return new PyClass("tuple");
  if (x instanceof PySize) return new PyClass("torch.Size");
  if (Array.isArray(x)) return new PyClass("list");
  if (x instanceof PyClass) return new PyClass("type");
  if (typeof x === "object" && x !== null && typeof (x as { name?: unknown }).name === "function") {
    // autograd graph nodes: type(y.grad_fn) is <class 'MulBackward0'>
    const s = String(x);
    const m = /^<(\w+)>$/.exec(s);
    if (m) return new PyClass(m[1]);
  }
  const ctor = (x as { constructor?: { name?: string } } | undefined)?.constructor?.name;
  return new PyClass(ctor ?? typeof x);
}

/** Python's repr(float) for a JS number: shortest round-trip digits, fixed notation for 1e-4 <= |x| < 1e16. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  const sign = x < 0 ? "-" : "";
  // toExponential() with no argument gives as many digits as needed to round-trip: "d.ddde[+-]x".
  const m = /^(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(Math.abs(x).toExponential());
  if (!m) throw new Error(`floatRepr: unexpected ${Math.abs(x).toExponential()}`);
  const digits = m[1] + (m[2] ?? "");
  const exp10 = Number(m[3]);
  // CPython's float_repr_style 'short': decpt = exp10 + 1; exponent notation iff decpt <= -4 or decpt > 16.
  const decpt = exp10 + 1;
  if (decpt <= -4 || decpt > 16) {
    const mantissa = digits.length === 1 ? digits : `${digits[0]}.${digits.slice(1)}`;
    const e = Math.abs(exp10);
    return `${sign}${mantissa}e${exp10 < 0 ? "-" : "+"}${e < 10 ? "0" : ""}${e}`;
  }
  if (decpt <= 0) return `${sign}0.${"0".repeat(-decpt)}${digits}`;
  if (digits.length <= decpt) return `${sign}${digits}${"0".repeat(decpt - digits.length)}.0`;
  return `${sign}${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
}

/** Python's repr(str): single quotes unless the text has a ' and no ". */
export function strRepr(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    if (ch === q || ch === "\\") out += "\\" + ch;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f) out += "\\x" + ch.charCodeAt(0).toString(16).padStart(2, "0");
    else out += ch;
  }
  return out + q;
}

/** Python's repr(x). */
export function repr(x: unknown): string {
  if (x === null) return "None";
  // undefined has no Python twin: it shows up as-is, so that a library slip (undefined for None) stays visible.
  if (x === undefined) return "undefined";
  if (typeof x === "boolean") return x ? "True" : "False";
  if (typeof x === "number") return floatRepr(x);
  if (typeof x === "bigint") return x.toString();
  if (typeof x === "string") return strRepr(x);
  if (x instanceof PyInt) return x.value.toString();
  if (x instanceof PyTuple) {
    const parts = x.items.map(repr);
    return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(", ")})`;
  }
  if (x instanceof PySize) return `torch.Size([${x.dims.join(", ")}])`;
  if (Array.isArray(x)) return `[${x.map(repr).join(", ")}]`;
  if (ArrayBuffer.isView(x) && !(x instanceof DataView)) {
    return `[${Array.from(x as unknown as ArrayLike<number>, repr).join(", ")}]`;
  }
  return String(x);
}

/** Python's str(x): like repr, except that a string is itself. */
export function str(x: unknown): string {
  return typeof x === "string" ? x : repr(x);
}

export { pyType as type };

export interface PrintOptions {
  sep?: string;
  end?: string;
}

function isPrintOptions(x: unknown): x is PrintOptions {
  if (x === null || typeof x !== "object" || Object.getPrototypeOf(x) !== Object.prototype) return false;
  const keys = Object.keys(x);
  return keys.length > 0 && keys.every((k) => k === "sep" || k === "end");
}

/** Python's print(*args, sep=' ', end='\n'); a trailing `{ sep, end }` object gives the keywords. */
export function print(...args: unknown[]): void {
  let opts: PrintOptions = {};
  if (args.length > 0 && isPrintOptions(args[args.length - 1])) opts = args.pop() as PrintOptions;
  const sep = opts.sep ?? " ";
  const end = opts.end ?? "\n";
  process.stdout.write(args.map(str).join(sep) + end);
}

/** What Jupyter shows for a cell's last expression (its Out[n]): repr(x), nothing for None. */
export function display(x: unknown): void {
  if (x === null) return;
  process.stdout.write(repr(x) + "\n");
}

/** Prints an exception the way the last line of a Python traceback does: `RuntimeError: message`. */
export function printException(e: unknown): void {
  if (e instanceof Error) process.stdout.write(`${e.name}: ${e.message}\n`);
  else process.stdout.write(`${String(e)}\n`);
}

// ---- example scaffolding (not Python) ---------------------------------------------------------

/** The heading line an example prints before each cell: `--- In [2] ---`. Tests drop these lines. */
export function heading(title: string): void {
  process.stdout.write(`--- ${title} ---\n`);
}
/** Matches heading lines. */
export const HEADING_RE = /^--- .* ---$/;

/** Writes an SVG figure under out/plots/ (relative to the working directory) and prints `wrote <path>`. */
export function savePlot(fileName: string, svg: string): string {
  const dir = join("out", "plots");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, fileName);
  writeFileSync(path, svg);
  process.stdout.write(`wrote ${path}\n`);
  return path;
}
/** Matches the lines savePlot prints. */
export const PLOT_PATH_RE = /^wrote \S+\.svg$/;
