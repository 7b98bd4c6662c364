// The dtypes tensorgrad stores, and PyTorch's type promotion between them.
import { RuntimeError, TorchTypeError } from "../errors.js";
import { RESIDENT_MIN_ELEMENTS, residentStorage } from "./resident_hooks.js";

export type DTypeName = "float32" | "float64" | "int64" | "int32" | "bool";
export type Storage = Float32Array | Float64Array | Int32Array | Uint8Array;
type StorageCtor = Float32ArrayConstructor | Float64ArrayConstructor | Int32ArrayConstructor | Uint8ArrayConstructor;

export class DType {
  constructor(
    readonly name: DTypeName,
    /** rank in PyTorch's promotion lattice for these five dtypes: bool < int32 < int64 < float32 < float64 */
    readonly rank: number,
    readonly isFloatingPoint: boolean,
    readonly itemsize: number,
    /** int64 is stored in a Float64Array: exact for |v| <= 2^53, which covers every index and count. */
    readonly ArrayType: StorageCtor,
    /** the name of PyTorch's legacy tensor type, used in some error messages */
    readonly legacyName: string,
  ) {}
  get isComplex(): boolean {
    return false;
  }
  get isSigned(): boolean {
    return this.name !== "bool";
  }
  toString(): string {
    return `torch.${this.name}`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
  /** Allocates zero-filled storage of this dtype. */
  alloc(n: number): Storage {
    // (below the smallest resident size, and far from any size limit: the plain path)
    return n < RESIDENT_MIN_ELEMENTS ? new this.ArrayType(n) : this.allocate(n, true);
  }
  /** Storage the caller overwrites entirely: its initial values are unspecified. */
  empty(n: number): Storage {
    return n < RESIDENT_MIN_ELEMENTS ? new this.ArrayType(n) : this.allocate(n, false);
  }
  private allocate(n: number, zero: boolean): Storage {
    // the wasm backend places large float storage in its memory, where its kernels need no copies
    if (residentStorage.alloc !== null && this.isFloatingPoint) {
      const r = residentStorage.alloc(this.ArrayType as Float32ArrayConstructor | Float64ArrayConstructor, n, zero);
      if (r !== null) return r;
    }
    try {
      return new this.ArrayType(n);
    } catch (e) {
      // PyTorch 2.x's message (1.13 says "can't allocate memory ... Error code 12 (Cannot allocate memory)")
      if (e instanceof RangeError)
        throw new RuntimeError(`[enforce fail at alloc_cpu.cpp:114] data. DefaultCPUAllocator: not enough memory: you tried to allocate ${n * this.itemsize} bytes.`);
      throw e;
    }
  }
}


export const float32 = new DType("float32", 3, true, 4, Float32Array, "FloatTensor");
export const float64 = new DType("float64", 4, true, 8, Float64Array, "DoubleTensor");
export const int64 = new DType("int64", 2, false, 8, Float64Array, "LongTensor");
export const int32 = new DType("int32", 1, false, 4, Int32Array, "IntTensor");
export const bool = new DType("bool", 0, false, 1, Uint8Array, "BoolTensor");
export const float = float32;
export const double = float64;
export const long = int64;
export const int = int32;

const byName: Record<string, DType> = { float32, float64, int64, int32, bool, float: float32, double: float64, long: int64, int: int32 };

export function dtypeOf(name: DType | DTypeName | string): DType {
  if (name instanceof DType) return name;
  const d = byName[name];
  if (!d) throw new TypeError(`unknown dtype ${name}`);
  return d;
}

let defaultDtype: DType = float32;
export function getDefaultDtype(): DType {
  return defaultDtype;
}
export function setDefaultDtype(d: DType): void {
  if (!d.isFloatingPoint) throw new TorchTypeError("only floating-point types are supported as the default type");
  defaultDtype = d;
}

/** torch.promote_types for the supported dtypes. */
export function promoteTypes(a: DType, b: DType): DType {
  return a.rank >= b.rank ? a : b;
}

export type Category = 0 | 1 | 2; // bool, integer, floating
export function category(d: DType): Category {
  return d.isFloatingPoint ? 2 : d === bool ? 0 : 1;
}

/** The dtype a JS number takes as an operand: integers behave like Python ints, others like Python floats. */
export function scalarDtype(v: number | boolean | bigint): DType {
  if (typeof v === "boolean") return bool;
  if (typeof v === "bigint") return int64;
  return Number.isInteger(v) ? int64 : defaultDtype;
}

/**
 * PyTorch's result_type: dimensioned tensors outrank zero-dim tensors, which outrank wrapped numbers,
 * unless a lower-priority operand is of a higher category (bool < int < float).
 */
export function resultType(operands: { dtype: DType; ndim: number; wrapped: boolean }[]): DType {
  let dim: DType | null = null;
  let zero: DType | null = null;
  let wrapped: DType | null = null;
  for (const o of operands) {
    if (o.wrapped) {
      const d = o.dtype.isFloatingPoint ? defaultDtype : o.dtype;
      wrapped = wrapped ? promoteTypes(wrapped, d) : d;
    } else if (o.ndim === 0) zero = zero ? promoteTypes(zero, o.dtype) : o.dtype;
    else dim = dim ? promoteTypes(dim, o.dtype) : o.dtype;
  }
  return combineCategories(dim, combineCategories(zero, wrapped))!;
}

function combineCategories(higher: DType | null, lower: DType | null): DType | null {
  if (higher === null) return lower;
  if (lower === null) return higher;
  if (higher.isFloatingPoint) return higher;
  if (higher === bool || lower.isFloatingPoint) return promoteTypes(higher, lower);
  return higher;
}
