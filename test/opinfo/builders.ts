// Input builders shared by the op-table entry files.
import type { DT, MakeStep, TensorInput, Value } from "./types.js";

/** Explicit values, shape from the nesting (like torch.tensor). */
export function ten(data: unknown, dtype: DT = "float32"): TensorInput {
  const shape: number[] = [];
  for (let d = data; Array.isArray(d); d = d[0]) shape.push(d.length);
  const values = (Array.isArray(data) ? (data as unknown[]).flat(Infinity as 1) : [data]) as Value[];
  return { shape, dtype, values };
}

/** An operand: `make` steps on the base; rg false: does not require grad (default: float inputs do). */
export function T(base: TensorInput, o: { make?: MakeStep[]; rg?: boolean } = {}): TensorInput {
  const t: TensorInput = { ...base };
  if (o.make) t.make = o.make;
  if (o.rg === false) t.requiresGrad = false;
  return t;
}
