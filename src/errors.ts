// Errors carry PyTorch's exception class in `.name` and PyTorch's text in `.message`.

export class RuntimeError extends Error {
  override name = "RuntimeError";
}
export class ValueError extends Error {
  override name = "ValueError";
}
export class IndexError extends Error {
  override name = "IndexError";
}
/** PyTorch's `TypeError` (exported under this name so it doesn't shadow the JS global). */
export class TorchTypeError extends Error {
  override name = "TypeError";
}

/** Emits a Python-style UserWarning: through `process.emitWarning` in Node, `console.warn` elsewhere. */
export function warn(message: string, category = "UserWarning"): void {
  const proc = (globalThis as { process?: { emitWarning?: (m: string, t: string) => void } }).process;
  if (proc?.emitWarning) proc.emitWarning(message, category);
  else console.warn(`${category}: ${message}`);
}
