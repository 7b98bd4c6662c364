/**
 * Tensor repr, ported from PyTorch's torch/_tensor_str.py (CPU, strided, real dtypes),
 * so that tensorgrad prints byte-for-byte what PyTorch 2.x prints.
 *
 * The structure mirrors the Python module: PRINT_OPTS / setPrintoptions, the _Formatter
 * class, _scalar_str, _vector_str, _tensor_str_with_formatter, _tensor_str,
 * _add_suffixes, get_summarized_data and _str_intern, renamed to camelCase.
 * Branches for complex, sparse, quantized, nested, named, meta and non-CPU tensors are
 * left out because tensorgrad has none of those.
 *
 * Python's float formatting ("{:.4f}", "{:.4e}", "{:.0f}") rounds the exact binary value
 * half-to-even; JavaScript's toFixed/toExponential do not match it on ties or in exponent
 * spelling, so the helpers at the bottom work on the exact decimal expansion with BigInt.
 */

export type FormatDType = "float32" | "float64" | "int64" | "int32" | "bool";

export interface PrintOptions {
  precision: number;
  threshold: number;
  edgeitems: number;
  linewidth: number;
  sciMode: boolean | null;
}

export interface FormatInput {
  shape: readonly number[];
  dtype: FormatDType;
  /** row-major contiguous values, numel entries; float32 values are given as the exact doubles of the float32 values; bool as 0/1 */
  values: ArrayLike<number>;
  requiresGrad?: boolean; // leaf requiring grad -> ", requires_grad=True"
  gradFnName?: string | null; // e.g. "AddBackward0" -> ", grad_fn=<AddBackward0>" (takes precedence over requires_grad as in PyTorch)
  defaultDtype?: "float32" | "float64"; // torch.get_default_dtype(); default "float32"
}

// ---------------------------------------------------------------------------------------
// Print options (PRINT_OPTS / set_printoptions)
// ---------------------------------------------------------------------------------------

const PRINT_OPTS: PrintOptions = {
  precision: 4,
  threshold: 1000,
  edgeitems: 3,
  linewidth: 80,
  sciMode: null,
};

/**
 * torch.set_printoptions. As in PyTorch, a profile is applied first and explicit options
 * override it, and sciMode is always assigned: leaving it out resets it to null (automatic).
 */
export function setPrintoptions(opts: {
  precision?: number;
  threshold?: number;
  edgeitems?: number;
  linewidth?: number;
  profile?: "default" | "short" | "full";
  sciMode?: boolean | null;
}): void {
  if (opts.profile !== undefined) {
    if (opts.profile === "default") {
      PRINT_OPTS.precision = 4;
      PRINT_OPTS.threshold = 1000;
      PRINT_OPTS.edgeitems = 3;
      PRINT_OPTS.linewidth = 80;
    } else if (opts.profile === "short") {
      PRINT_OPTS.precision = 2;
      PRINT_OPTS.threshold = 1000;
      PRINT_OPTS.edgeitems = 2;
      PRINT_OPTS.linewidth = 80;
    } else if (opts.profile === "full") {
      PRINT_OPTS.precision = 4;
      PRINT_OPTS.threshold = Infinity;
      PRINT_OPTS.edgeitems = 3;
      PRINT_OPTS.linewidth = 80;
    }
  }
  if (opts.precision !== undefined) PRINT_OPTS.precision = opts.precision;
  if (opts.threshold !== undefined) PRINT_OPTS.threshold = opts.threshold;
  if (opts.edgeitems !== undefined) PRINT_OPTS.edgeitems = opts.edgeitems;
  if (opts.linewidth !== undefined) PRINT_OPTS.linewidth = opts.linewidth;
  PRINT_OPTS.sciMode = opts.sciMode ?? null;
}

/** A copy of the current print options. */
export function getPrintoptions(): PrintOptions {
  return { ...PRINT_OPTS };
}

// ---------------------------------------------------------------------------------------
// A minimal view over the row-major data: the printer only ever indexes dim 0 (self[i])
// and slices it, and every such sub-block of a contiguous tensor is contiguous.
// ---------------------------------------------------------------------------------------

interface View {
  data: ArrayLike<number>;
  offset: number;
  shape: readonly number[];
}

function numelOf(shape: readonly number[]): number {
  let n = 1;
  for (const s of shape) n *= s;
  return n;
}

/** self[i] for 0 <= i < shape[0]. */
function select(v: View, i: number): View {
  const inner = v.shape.slice(1);
  return { data: v.data, offset: v.offset + i * numelOf(inner), shape: inner };
}

/** tensor.reshape(-1).tolist() */
function flatten(v: View): number[] {
  const n = numelOf(v.shape);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = v.data[v.offset + i];
  return out;
}

/** Start index of Python's self[-k:] on a length-n axis (note self[-0:] is the whole axis). */
function negSliceStart(k: number, n: number): number {
  return k === 0 ? 0 : Math.max(0, n - k);
}

// ---------------------------------------------------------------------------------------
// _Formatter
// ---------------------------------------------------------------------------------------

class Formatter {
  readonly floatingDtype: boolean;
  readonly isBool: boolean;
  intMode = true;
  sciMode = false;
  maxWidth = 1;

  /** `values` is tensor.reshape(-1) of the (possibly summarized) tensor. */
  constructor(values: readonly number[], dtype: FormatDType) {
    this.floatingDtype = dtype === "float32" || dtype === "float64";
    this.isBool = dtype === "bool";

    if (!this.floatingDtype) {
      for (const value of values) {
        this.maxWidth = Math.max(this.maxWidth, this.formatNonFloat(value).length);
      }
    } else {
      const nonzeroFiniteVals = values.filter((x) => Number.isFinite(x) && x !== 0);

      // no valid number, do nothing (PyTorch returns before applying PRINT_OPTS.sci_mode too)
      if (nonzeroFiniteVals.length === 0) return;

      // PyTorch converts to double for these; float32 values already are exact doubles here.
      let nonzeroFiniteMin = Infinity;
      let nonzeroFiniteMax = 0;
      for (const x of nonzeroFiniteVals) {
        const a = Math.abs(x);
        if (a < nonzeroFiniteMin) nonzeroFiniteMin = a;
        if (a > nonzeroFiniteMax) nonzeroFiniteMax = a;
      }

      for (const value of nonzeroFiniteVals) {
        if (value !== Math.ceil(value)) {
          this.intMode = false;
          break;
        }
      }

      const precision = PRINT_OPTS.precision;
      if (this.intMode) {
        // in int_mode for floats, all numbers are integers, and a decimal point is appended
        // to show the tensor is floating; the +1 accounts for it.
        if (nonzeroFiniteMax / nonzeroFiniteMin > 1000.0 || nonzeroFiniteMax > 1.0e8) {
          this.sciMode = true;
          for (const value of nonzeroFiniteVals) {
            this.maxWidth = Math.max(this.maxWidth, formatExponent(value, precision).length);
          }
        } else {
          for (const value of nonzeroFiniteVals) {
            this.maxWidth = Math.max(this.maxWidth, formatFixed(value, 0).length + 1);
          }
        }
      } else {
        // Check if scientific representation should be used.
        if (
          nonzeroFiniteMax / nonzeroFiniteMin > 1000.0 ||
          nonzeroFiniteMax > 1.0e8 ||
          nonzeroFiniteMin < 1.0e-4
        ) {
          this.sciMode = true;
          for (const value of nonzeroFiniteVals) {
            this.maxWidth = Math.max(this.maxWidth, formatExponent(value, precision).length);
          }
        } else {
          for (const value of nonzeroFiniteVals) {
            this.maxWidth = Math.max(this.maxWidth, formatFixed(value, precision).length);
          }
        }
      }
    }

    if (PRINT_OPTS.sciMode !== null) this.sciMode = PRINT_OPTS.sciMode;
  }

  width(): number {
    return this.maxWidth;
  }

  /** "{}".format(value) for int and bool elements. */
  private formatNonFloat(value: number): string {
    if (this.isBool) return value ? "True" : "False";
    return pyIntStr(value);
  }

  format(value: number): string {
    let ret: string;
    if (this.floatingDtype) {
      if (this.sciMode) {
        // "{:W.Pe}": the width W pads on the left, exactly as the padding below does
        ret = formatExponent(value, PRINT_OPTS.precision);
      } else if (this.intMode) {
        ret = formatFixed(value, 0);
        if (Number.isFinite(value)) ret += ".";
      } else {
        ret = formatFixed(value, PRINT_OPTS.precision);
      }
    } else {
      ret = this.formatNonFloat(value);
    }
    return " ".repeat(Math.max(0, this.maxWidth - ret.length)) + ret;
  }
}

// ---------------------------------------------------------------------------------------
// _scalar_str, _vector_str, _tensor_str_with_formatter, _tensor_str
// ---------------------------------------------------------------------------------------

function scalarStr(self: View, formatter1: Formatter): string {
  return formatter1.format(self.data[self.offset]);
}

function vectorStr(self: View, indent: number, summarize: boolean, formatter1: Formatter): string {
  // length includes spaces and comma between elements
  const elementLength = formatter1.width() + 2;
  const elementsPerLine = Math.max(1, Math.floor((PRINT_OPTS.linewidth - indent) / elementLength));

  const size0 = self.shape[0];
  const val = (i: number): string => formatter1.format(self.data[self.offset + i]);
  let data: string[] = [];
  if (summarize && size0 > 2 * PRINT_OPTS.edgeitems) {
    for (let i = 0; i < PRINT_OPTS.edgeitems; i++) data.push(val(i));
    data.push(" ...");
    for (let i = negSliceStart(PRINT_OPTS.edgeitems, size0); i < size0; i++) data.push(val(i));
  } else {
    data = Array.from({ length: size0 }, (_, i) => val(i));
  }

  const lines: string[] = [];
  for (let i = 0; i < data.length; i += elementsPerLine) {
    lines.push(data.slice(i, i + elementsPerLine).join(", "));
  }
  return "[" + lines.join(",\n" + " ".repeat(indent + 1)) + "]";
}

function tensorStrWithFormatter(
  self: View,
  indent: number,
  summarize: boolean,
  formatter1: Formatter,
): string {
  const dim = self.shape.length;

  if (dim === 0) return scalarStr(self, formatter1);
  if (dim === 1) return vectorStr(self, indent, summarize, formatter1);

  const size0 = self.shape[0];
  const sub = (i: number): string => tensorStrWithFormatter(select(self, i), indent + 1, summarize, formatter1);
  const slices: string[] = [];
  if (summarize && size0 > 2 * PRINT_OPTS.edgeitems) {
    for (let i = 0; i < PRINT_OPTS.edgeitems; i++) slices.push(sub(i));
    slices.push("...");
    for (let i = size0 - PRINT_OPTS.edgeitems; i < size0; i++) slices.push(sub(i));
  } else {
    for (let i = 0; i < size0; i++) slices.push(sub(i));
  }

  const tensorStr = slices.join("," + "\n".repeat(dim - 1) + " ".repeat(indent + 1));
  return "[" + tensorStr + "]";
}

function tensorStr(self: View, dtype: FormatDType, indent: number): string {
  if (numelOf(self.shape) === 0) return "[]";

  const summarize = numelOf(self.shape) > PRINT_OPTS.threshold;
  const formatter = new Formatter(summarize ? getSummarizedData(self) : flatten(self), dtype);
  return tensorStrWithFormatter(self, indent, summarize, formatter);
}

function addSuffixes(tensorStr: string, suffixes: string[], indent: number, forceNewline: boolean): string {
  const tensorStrs = [tensorStr];
  // Kept exactly as PyTorch computes it (rfind gives -1 when there is no newline).
  let lastLineLen = tensorStr.length - tensorStr.lastIndexOf("\n") + 1;
  for (const suffix of suffixes) {
    const suffixLen = suffix.length;
    if (forceNewline || lastLineLen + suffixLen + 2 > PRINT_OPTS.linewidth) {
      tensorStrs.push(",\n" + " ".repeat(indent) + suffix);
      lastLineLen = indent + suffixLen;
      forceNewline = false;
    } else {
      tensorStrs.push(", " + suffix);
      lastLineLen += suffixLen + 2;
    }
  }
  tensorStrs.push(")");
  return tensorStrs.join("");
}

/**
 * The elements a summarized print shows, flattened (PyTorch stacks them into a tensor that
 * only the _Formatter sees, which reshapes it to -1 anyway). The formatter's widths and
 * modes therefore depend only on the visible edge items.
 */
function getSummarizedData(self: View): number[] {
  const dim = self.shape.length;
  const e = PRINT_OPTS.edgeitems;
  if (dim === 0) return flatten(self);
  const size0 = self.shape[0];
  if (dim === 1) {
    if (size0 > 2 * e) {
      const out: number[] = [];
      for (let i = 0; i < e; i++) out.push(self.data[self.offset + i]);
      for (let i = negSliceStart(e, size0); i < size0; i++) out.push(self.data[self.offset + i]);
      return out;
    }
    return flatten(self);
  }
  let rows: number[];
  if (size0 > 2 * e) {
    rows = [];
    for (let i = 0; i < e; i++) rows.push(i);
    for (let i = size0 - e; i < size0; i++) rows.push(i);
  } else {
    rows = Array.from({ length: size0 }, (_, i) => i);
  }
  // torch.stack of an empty list raises (edgeitems=0 on a summarized tensor of rank >= 2)
  if (rows.length === 0) throw new RangeError("stack expects a non-empty TensorList");
  const out: number[] = [];
  for (const i of rows) for (const x of getSummarizedData(select(self, i))) out.push(x);
  return out;
}

// ---------------------------------------------------------------------------------------
// _str_intern
// ---------------------------------------------------------------------------------------

/** The full repr, e.g. "tensor([1., 2.], dtype=torch.float64, requires_grad=True)" */
export function formatTensor(t: FormatInput): string {
  const shape = [...t.shape];
  const n = numelOf(shape);
  if (t.values.length !== n) {
    throw new RangeError(`formatTensor: shape (${shape.join(", ")}) needs ${n} values, got ${t.values.length}`);
  }
  const defaultDtype = t.defaultDtype ?? "float32";
  const prefix = "tensor(";
  const indent = prefix.length;
  const suffixes: string[] = [];

  // int64 and bool never print their dtype when there are elements to show it
  const hasDefaultDtype = t.dtype === defaultDtype || t.dtype === "int64" || t.dtype === "bool";

  let tensorStrOut: string;
  if (n === 0) {
    // Explicitly print the shape if it is not (0,), to match NumPy behavior
    if (shape.length !== 1) suffixes.push("size=" + pyTupleStr(shape));
    // In an empty tensor there are no elements to infer the dtype from, so it is shown
    // for everything but the default float dtype (int64 and bool included).
    if (t.dtype !== defaultDtype) suffixes.push("dtype=" + dtypeStr(t.dtype));
    tensorStrOut = "[]";
  } else {
    if (!hasDefaultDtype) suffixes.push("dtype=" + dtypeStr(t.dtype));
    tensorStrOut = tensorStr({ data: t.values, offset: 0, shape }, t.dtype, indent);
  }

  if (t.gradFnName != null) {
    suffixes.push(`grad_fn=<${t.gradFnName}>`);
  } else if (t.requiresGrad) {
    suffixes.push("requires_grad=True");
  }

  return addSuffixes(prefix + tensorStrOut, suffixes, indent, false);
}

function dtypeStr(dtype: FormatDType): string {
  return "torch." + dtype;
}

/** str(tuple(shape)): "(2, 3)", and "(0,)" for one element. */
function pyTupleStr(shape: readonly number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(", ")})`;
}

/** str(int) for an integer stored as a JS number (never exponent form, no "-0"). */
function pyIntStr(value: number): string {
  return Number.isInteger(value) ? BigInt(value).toString() : String(value);
}

// ---------------------------------------------------------------------------------------
// Python float formatting on the exact binary value
// ---------------------------------------------------------------------------------------

const float64View = new DataView(new ArrayBuffer(8));

/** |x| = digits / 10^scale exactly, for finite x (scale >= 0). */
function exactDecimal(x: number): { digits: bigint; scale: number } {
  float64View.setFloat64(0, x);
  const hi = float64View.getUint32(0);
  const lo = float64View.getUint32(4);
  const biasedExp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp2: number;
  if (biasedExp === 0) {
    exp2 = -1074; // subnormal
  } else {
    mant |= 1n << 52n;
    exp2 = biasedExp - 1075;
  }
  if (mant === 0n) return { digits: 0n, scale: 0 };
  if (exp2 >= 0) return { digits: mant << BigInt(exp2), scale: 0 };
  // m / 2^k = m * 5^k / 10^k: a finite decimal expansion with k fractional digits
  const k = -exp2;
  return { digits: mant * 5n ** BigInt(k), scale: k };
}

/** digits / 10^drop rounded half-to-even (the tie is exact because digits is exact). */
function roundHalfEven(digits: bigint, drop: number): bigint {
  if (drop <= 0) return digits * 10n ** BigInt(-drop);
  const div = 10n ** BigInt(drop);
  let q = digits / div;
  const twiceRem = (digits % div) * 2n;
  if (twiceRem > div || (twiceRem === div && q % 2n === 1n)) q += 1n;
  return q;
}

function isNegative(x: number): boolean {
  return x < 0 || Object.is(x, -0);
}

function nonFiniteStr(x: number): string {
  return Number.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
}

/** Python's "{:.<precision>f}".format(x), e.g. -0.00001 -> "-0.0000", 1e22 -> "10000000000000000000000". */
function formatFixed(x: number, precision: number): string {
  if (!Number.isFinite(x)) return nonFiniteStr(x);
  const sign = isNegative(x) ? "-" : "";
  const { digits, scale } = exactDecimal(Math.abs(x));
  const scaled = roundHalfEven(digits, scale - precision); // round(|x| * 10^precision)
  let s = scaled.toString();
  if (precision === 0) return sign + s;
  if (s.length <= precision) s = "0".repeat(precision + 1 - s.length) + s;
  return sign + s.slice(0, s.length - precision) + "." + s.slice(s.length - precision);
}

/** Python's "{:.<precision>e}".format(x), e.g. 1e-5 -> "1.0000e-05", 0 -> "0.0000e+00". */
function formatExponent(x: number, precision: number): string {
  if (!Number.isFinite(x)) return nonFiniteStr(x);
  const sign = isNegative(x) ? "-" : "";
  const significant = precision + 1;
  const { digits, scale } = exactDecimal(Math.abs(x));
  let mantissa: bigint;
  let exp10: number;
  if (digits === 0n) {
    mantissa = 0n;
    exp10 = 0;
  } else {
    const len = digits.toString().length;
    exp10 = len - 1 - scale;
    mantissa = roundHalfEven(digits, len - significant);
    if (mantissa.toString().length > significant) {
      // rounding carried into a new digit (9.99995 -> 10.0000): the dropped digit is 0
      mantissa /= 10n;
      exp10 += 1;
    }
  }
  const m = mantissa.toString().padStart(significant, "0");
  const body = precision === 0 ? m : m[0] + "." + m.slice(1);
  const expStr = (exp10 < 0 ? "-" : "+") + String(Math.abs(exp10)).padStart(2, "0");
  return sign + body + "e" + expStr;
}
