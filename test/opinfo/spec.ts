// Materialises the op table (./types.ts) into the JSON spec that scripts/golden/opinfo_cases.py
// evaluates in PyTorch: every sample's inputs with their values generated (deterministically, from a
// hash of op name + sample id + input position, by a small seeded PRNG), explicit values passed through,
// args encoded (nan/inf/-0 as strings), requiresGrad and gradcheck flags resolved to their defaults.
// test/opinfo.test.ts materialises the same way, so both sides build identical inputs, and compares each
// sample's hash with the one recorded in test/fixtures/opinfo.json to catch stale fixtures.
import { createHash } from "node:crypto";
import type { DT, Gen, Input, MakeStep, OpInfo, Sample, TensorInput, Value } from "./types.js";

export const SPEC_VERSION = 1;

export interface MTensor {
  shape: number[];
  dtype: DT;
  /** row-major base values: float32 as their shortest round-trip decimal, nan/inf/-0 as strings */
  values: Value[];
  make: MakeStep[];
  requiresGrad: boolean;
}
export type MScalar = { scalar: Value; kind: "int" | "float" | "bool" };
export type MInput = { tensor: MTensor } | MScalar | { list: MTensor[] };

export interface SpecSample {
  id: string;
  /** hash of everything PyTorch's side depends on (py, prelude, inputs, args, gradcheck settings) */
  hash: string;
  inputs: MInput[];
  args: Record<string, unknown>;
  /** true: run it; a string: why it is skipped */
  gradcheck: true | string;
  gradgradcheck: true | string;
  gradcheckOptions?: { eps?: number; atol?: number; rtol?: number };
  note?: string;
}
export interface SpecOp {
  name: string;
  py: string;
  /** key of the op's pyPrelude in Spec.preludes (shared text is stored once) */
  prelude?: string;
  differentiable: boolean;
  samples: SpecSample[];
  errors: SpecSample[];
}
export interface Spec {
  version: number;
  preludes: Record<string, string>;
  ops: SpecOp[];
  /** op + sample ids that could not be materialised, with why (they are left out of `ops`) */
  problems: string[];
}

const DTYPES: DT[] = ["float32", "float64", "int64", "int32", "bool"];
export const isFloat = (dt: DT): boolean => dt === "float32" || dt === "float64";

// ---- deterministic values ------------------------------------------------------------------------
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32: uniform doubles in [0, 1) */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(n: number, gen: Gen, seedKey: string): number[] {
  const u = prng(fnv1a(seedKey));
  const out: number[] = [];
  const normal = (): number => {
    const u1 = 1 - u(); // (0, 1]
    const u2 = u();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  };
  for (let i = 0; i < n; i++) {
    switch (gen.kind) {
      case "normal": {
        const mean = gen.mean ?? 0;
        const std = gen.std ?? 1;
        const lo = gen.low ?? -Infinity;
        const hi = gen.high ?? Infinity;
        let v = mean + std * normal();
        for (let k = 0; k < 1000 && !(v >= lo && v <= hi); k++) v = mean + std * normal();
        out.push(Math.min(hi, Math.max(lo, v)));
        break;
      }
      case "uniform": {
        const lo = gen.low ?? 0;
        const hi = gen.high ?? 1;
        out.push(lo + u() * (hi - lo));
        break;
      }
      case "int": {
        const lo = gen.low ?? -5;
        const hi = gen.high ?? 6;
        out.push(lo + Math.floor(u() * (hi - lo)));
        break;
      }
      case "bool":
        out.push(u() < 0.5 ? 1 : 0);
        break;
      case "nonzero": {
        const sign = u() < 0.5 ? -1 : 1;
        const lo = gen.low ?? 0.5;
        const hi = gen.high ?? 2;
        out.push(sign * (lo + u() * (hi - lo)));
        break;
      }
      default:
        throw new Error(`unknown gen kind ${String((gen as Gen).kind)}`);
    }
  }
  return out;
}

// ---- encoding ------------------------------------------------------------------------------------
/** The shortest decimal that rounds back to the same float32 (what numpy's repr(np.float32) prints). */
export function shortF32(v: number): number {
  for (let p = 1; p <= 9; p++) {
    const s = Number(v.toPrecision(p));
    if (Math.fround(s) === v) return s;
  }
  return v;
}

export function encodeNumber(v: number): Value {
  if (Number.isNaN(v)) return "nan";
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  if (Object.is(v, -0)) return "-0";
  return v;
}

export function decodeValue(v: Value): number | boolean {
  switch (v) {
    case "nan":
      return NaN;
    case "inf":
      return Infinity;
    case "-inf":
      return -Infinity;
    case "-0":
      return -0;
    default:
      return v;
  }
}

function toNumber(v: Value): number | boolean {
  return typeof v === "string" ? decodeValue(v) : v;
}

/** A base value in its dtype: float32 rounded (and written shortest), ints checked, bools as booleans. */
function castValue(raw: number | boolean, dtype: DT, generated: boolean): Value {
  if (dtype === "bool") {
    if (typeof raw === "boolean") return raw;
    return raw !== 0;
  }
  const v = typeof raw === "boolean" ? (raw ? 1 : 0) : raw;
  if (dtype === "int64" || dtype === "int32") {
    const i = generated ? Math.floor(v) : v;
    if (!Number.isInteger(i)) throw new Error(`value ${v} is not an integer for ${dtype}`);
    return i === 0 ? 0 : i; // no -0 for ints
  }
  if (dtype === "float32") {
    const f = Math.fround(v);
    if (!Number.isFinite(f) || Object.is(f, -0)) return encodeNumber(f);
    return shortF32(f);
  }
  return encodeNumber(v);
}

/** Non-tensor arguments as JSON: nan/inf/-0 as strings (opinfo_cases.py turns them back into floats). */
export function encodeArgs(a: unknown, path = "args"): unknown {
  if (a === null || typeof a === "string" || typeof a === "boolean") return a;
  if (typeof a === "number") return encodeNumber(a);
  if (Array.isArray(a)) return a.map((v, i) => encodeArgs(v, `${path}[${i}]`));
  if (typeof a === "object" && Object.getPrototypeOf(a) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(a as Record<string, unknown>)) if (v !== undefined) out[k] = encodeArgs(v, `${path}.${k}`);
    return out;
  }
  throw new Error(`${path}: only JSON-able values (numbers, strings, booleans, null, arrays, plain objects) may be args, got ${typeof a}`);
}

// ---- materialisation -----------------------------------------------------------------------------
function materializeTensor(t: TensorInput, op: OpInfo, seedKey: string): MTensor {
  if (!Array.isArray(t.shape) || !t.shape.every((d) => Number.isInteger(d) && d >= 0))
    throw new Error(`input ${seedKey}: shape must be an array of non-negative integers`);
  const dtype = t.dtype ?? "float32";
  if (!DTYPES.includes(dtype)) throw new Error(`input ${seedKey}: unknown dtype ${String(dtype)}`);
  const n = t.shape.reduce((p, d) => p * d, 1);
  let values: Value[];
  if (t.values !== undefined) {
    if (t.values.length !== n) throw new Error(`input ${seedKey}: ${t.values.length} values for shape [${t.shape}] (${n} elements)`);
    values = t.values.map((v) => castValue(toNumber(v), dtype, false));
  } else {
    const gen: Gen = t.gen ?? { kind: isFloat(dtype) ? "normal" : dtype === "bool" ? "bool" : "int" };
    values = generate(n, gen, seedKey).map((v) => castValue(v, dtype, true));
  }
  const requiresGrad = t.requiresGrad ?? (isFloat(dtype) && op.differentiable !== false);
  if (requiresGrad && !isFloat(dtype)) throw new Error(`input ${seedKey}: only floating point inputs can require grad`);
  return { shape: t.shape.slice(), dtype, values, make: (t.make ?? []).map((m) => JSON.parse(JSON.stringify(m)) as MakeStep), requiresGrad };
}

function materializeInput(inp: Input, op: OpInfo, key: string): MInput {
  if (inp === null || typeof inp !== "object") throw new Error(`input ${key}: not an Input object`);
  if ("scalar" in inp) {
    const v = inp.scalar;
    const n = toNumber(v);
    const kind = inp.kind ?? (typeof n === "boolean" ? "bool" : Number.isInteger(n) && !Object.is(n, -0) ? "int" : "float");
    return { scalar: typeof n === "boolean" ? n : encodeNumber(n), kind };
  }
  if ("list" in inp) return { list: inp.list.map((t, j) => materializeTensor(t, op, `${key}.${j}`)) };
  return { tensor: materializeTensor(inp, op, key) };
}

function skipReason(v: boolean | string | undefined, dflt: true | string): true | string {
  if (v === undefined || v === true) return dflt;
  if (v === false) return "skipped by the entry";
  return v;
}

function hashOf(op: OpInfo, s: Omit<SpecSample, "hash" | "note">, kind: "sample" | "error"): string {
  const key = JSON.stringify({ v: SPEC_VERSION, kind, py: op.py, pre: op.pyPrelude ?? null, diff: op.differentiable !== false, s });
  return createHash("sha1").update(key).digest("hex").slice(0, 16);
}

/** One sample (or error sample) as the spec holds it. Throws, naming op and sample, if it is malformed. */
export function materializeSample(op: OpInfo, s: Sample, kind: "sample" | "error"): SpecSample {
  try {
    if (typeof s.id !== "string" || s.id === "") throw new Error("sample without an id");
    if (!Array.isArray(s.inputs)) throw new Error("`inputs` must be an array");
    const inputs = s.inputs.map((inp, i) => materializeInput(inp, op, `${op.name}/${s.id}/${i}`));
    const args = (encodeArgs(s.args ?? {}) ?? {}) as Record<string, unknown>;
    const gradcheck = op.differentiable === false ? "the op is not differentiable" : skipReason(s.gradcheck, true);
    const gradgradcheck = gradcheck === true ? skipReason(s.gradgradcheck, true) : gradcheck;
    const body: Omit<SpecSample, "hash" | "note"> = { id: s.id, inputs, args, gradcheck, gradgradcheck };
    if (s.gradcheckOptions) body.gradcheckOptions = { ...s.gradcheckOptions };
    const out: SpecSample = { id: s.id, hash: hashOf(op, body, kind), inputs, args, gradcheck, gradgradcheck };
    if (body.gradcheckOptions) out.gradcheckOptions = body.gradcheckOptions;
    if (s.note) out.note = s.note;
    return out;
  } catch (e) {
    throw new Error(`${op.name}/${String(s?.id)}${kind === "error" ? " (error sample)" : ""}: ${(e as Error).message}`);
  }
}

/**
 * The whole table as the spec file holds it; malformed samples are left out and listed in `problems`.
 * Two entries may share an op name (say a group adds samples with another spelling); their sample ids
 * must then be distinct, as the fixture keys records by op name and sample id (samples and error
 * samples separately: a sample and an error sample may have the same id).
 */
export function buildSpec(ops: OpInfo[]): Spec {
  const problems: string[] = [];
  const idsByName = new Map<string, Set<string>>();
  const out: SpecOp[] = [];
  const preludes: Record<string, string> = {};
  for (const op of ops) {
    const one = (s: Sample, kind: "sample" | "error"): SpecSample[] => {
      const key = `${kind}:${op.name}`;
      if (!idsByName.has(key)) idsByName.set(key, new Set());
      const ids = idsByName.get(key)!;
      if (ids.has(s.id)) {
        problems.push(`${op.name}/${s.id}: ${kind} id used twice in the op (the second is left out)`);
        return [];
      }
      ids.add(s.id);
      try {
        return [materializeSample(op, s, kind)];
      } catch (e) {
        problems.push((e as Error).message);
        return [];
      }
    };
    const entry: SpecOp = {
      name: op.name,
      py: op.py,
      differentiable: op.differentiable !== false,
      samples: (op.samples ?? []).flatMap((s) => one(s, "sample")),
      errors: (op.errors ?? []).flatMap((s) => one(s, "error")),
    };
    if (op.pyPrelude) {
      const key = createHash("sha1").update(op.pyPrelude).digest("hex").slice(0, 12);
      preludes[key] = op.pyPrelude;
      entry.prelude = key;
    }
    out.push(entry);
  }
  return { version: SPEC_VERSION, preludes, ops: out, problems };
}
