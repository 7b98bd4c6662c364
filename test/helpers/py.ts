// Python-style text for test transcripts: what `print` shows for None, bools, floats, lists and nodes.
import { Tensor } from "../../src/index.js";
import { Node } from "../../src/autograd/node.js";

/** Python's repr(float): shortest round-trip digits, exponent form below 1e-4 or from 1e16. */
export function pyFloat(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  if (v === 0) return Object.is(v, -0) ? "-0.0" : "0.0";
  const [mant, expStr] = v.toExponential().split("e");
  const exp = Number(expStr);
  const neg = mant.startsWith("-");
  const digits = mant.replace("-", "").replace(".", "");
  const sign = neg ? "-" : "";
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
  }
  if (exp < 0) return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${"0".repeat(exp + 1 - digits.length)}.0`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

export function fmt(a: unknown): string {
  if (a === null || a === undefined) return "None";
  if (typeof a === "boolean") return a ? "True" : "False";
  if (typeof a === "number") return Number.isInteger(a) && Math.abs(a) < 1e16 ? String(a) : pyFloat(a);
  if (a instanceof Tensor) return a.toString();
  if (a instanceof Node) return a.toString();
  if (Array.isArray(a)) return `[${a.map(fmt).join(", ")}]`;
  return String(a);
}

/** Lists of Python floats as Python prints them (for `t.tolist()` of float tensors). */
export function fmtFloats(a: unknown): string {
  if (Array.isArray(a)) return `[${a.map(fmtFloats).join(", ")}]`;
  return typeof a === "number" ? pyFloat(a) : fmt(a);
}

/** A transcript: log(...) like Python's print; err(f) logs the exception like the Python scripts do. */
export function transcript(): { lines: string[]; log: (...a: unknown[]) => void; err: (f: () => unknown) => void } {
  const lines: string[] = [];
  const log = (...a: unknown[]) => void lines.push(a.map(fmt).join(" "));
  const err = (f: () => unknown) => {
    try {
      f();
      log("no error");
    } catch (e) {
      const ex = e as Error;
      lines.push(`${ex.name}: ${ex.message}`);
    }
  };
  return { lines, log, err };
}
