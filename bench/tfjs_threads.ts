// Lets @tensorflow/tfjs-backend-wasm run its threaded-SIMD build under Node, for the benchmark only.
//
// tfjs-backend-wasm 4.22 switches threads off in Node (its WASM_HAS_MULTITHREAD_SUPPORT flag answers
// false when IS_NODE, tfjs issue 3830). Forcing the flag on fails: Emscripten's pthread pool starts its
// workers from `blob:` URLs, which Node's worker_threads reject (ERR_WORKER_PATH). The worker script
// itself supports Node. This shim, installed before tfjs is imported:
//  - records the text of each Blob tfjs builds, and makes URL.createObjectURL write that text to a
//    temporary file and return its path, so `new Worker(path)` works;
//  - writes the threaded module factory (which tfjs posts to each worker as a Blob) to a file too, with
//    the few bundle-scope names it uses (`require$$0..4`, `commonjsGlobal`) defined, and points the
//    worker script at that file;
//  - optionally reports twice the real CPU count to the library: tfjs's C++ init uses
//    `emscripten_num_logical_cores() / 2` threads (it assumes 2 hyper-threads per core), i.e. 1 thread
//    on a 2-vCPU machine, whatever setThreadsCount asks for.
// Nothing of tfjs's own code is changed; the temporary directory is removed at exit.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";

let installed = false;

export function installTfjsThreadsShim(opts: { doubleCpuCount: boolean }): void {
  if (installed) return;
  installed = true;
  const dir = mkdtempSync(join(os.tmpdir(), "tg-bench-tfjs-threads-"));
  process.on("exit", () => rmSync(dir, { recursive: true, force: true }));
  let mainScriptPath: string | null = null;
  let counter = 0;
  const NativeBlob = globalThis.Blob;
  const texts = new WeakMap<Blob, string>();
  class RecordingBlob extends NativeBlob {
    constructor(parts?: BlobPart[], options?: BlobPropertyBag) {
      super(parts, options);
      if (parts && parts.every((p) => typeof p === "string")) {
        const text = (parts as string[]).join("");
        texts.set(this, text);
        if (text.startsWith("var WasmBackendModuleThreadedSimd")) {
          mainScriptPath = join(dir, "threaded-simd-main.js");
          const prelude =
            'var require$$0 = require("fs"), require$$1 = require("path"), require$$3 = require("perf_hooks"), ' +
            'require$$4 = require("os"), commonjsGlobal = globalThis;\n';
          writeFileSync(mainScriptPath, prelude + text);
        }
      }
    }
  }
  globalThis.Blob = RecordingBlob as typeof Blob;
  const nativeCreate = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (obj: Blob): string => {
    let text = texts.get(obj);
    if (text === undefined) return nativeCreate(obj);
    if (mainScriptPath !== null) {
      text = text.replace(
        'if(typeof e.data.urlOrBlob=="string")',
        `if(true){importScripts(${JSON.stringify(mainScriptPath)})}else if(false)`,
      );
    }
    const path = join(dir, `worker-${counter++}.js`);
    writeFileSync(path, text);
    return path;
  };
  if (opts.doubleCpuCount) {
    const realCpus = os.cpus.bind(os);
    os.cpus = () => {
      const c = realCpus();
      return [...c, ...c];
    };
  }
}
