// Browser bundle: one ES module, dist/browser/tensorgrad.js, built with esbuild from the compiled
// library (dist/src/index.js, the exact JavaScript that Node runs; `npm run build` first, as
// `npm run bundle` does), and next to it dist/browser/worker_entry.js, the thread pool's Web Worker
// script (src/backend/threads.ts starts it as `new URL("./worker_entry.js", import.meta.url)`, so it
// must sit beside the bundle; bundlers that consume tensorgrad.js follow that pattern and copy it).
// Usage: node scripts/bundle.mjs [outfile] [--minify]
//
// Node-only modules stay out of the browser path:
// - every `node:*` import resolves to an empty stub module (CommonJS `{}`): code that reaches Node
//   builtins must already guard on the runtime (`typeof process`, a failed dynamic import), and in a
//   browser it finds nothing there instead of a load-time failure;
// - `process` is not defined by the bundle, so `errors.ts` warns through `console.warn`;
// - a `.wasm` file imported from source is embedded as bytes (esbuild's "binary" loader), so a
//   generated base64 module and a direct import both end up inside the single file.
import { build } from "esbuild";
import { existsSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const DEFAULT_ENTRY = join(ROOT, "dist", "src", "index.js");
export const DEFAULT_OUTFILE = join(ROOT, "dist", "browser", "tensorgrad.js");
/** The pool's worker script, relative to the entry's folder (absent before the threads landed). */
const WORKER_ENTRY = join("backend", "worker_entry.js");
const WORKER_NAME = "worker_entry";

/** esbuild plugin: `node:*` (and bare Node builtins) become an empty CommonJS module in the browser. */
const nodeBuiltinsStub = {
  name: "node-builtins-stub",
  setup(b) {
    const builtins = /^(node:.*|fs|path|url|os|util|worker_threads|child_process|crypto|module|perf_hooks)$/;
    b.onResolve({ filter: builtins }, (args) => ({ path: args.path, namespace: "node-stub" }));
    b.onLoad({ filter: /.*/, namespace: "node-stub" }, (args) => ({
      contents: `// ${args.path} is Node-only; the browser build gets an empty module\nmodule.exports = {};\n`,
      loader: "js",
    }));
  },
};

/**
 * Builds the browser bundle. Returns { outfile, bytes, worker, stubbed }: `worker` is the worker
 * script's path (or null), `stubbed` lists the Node builtins that the library imports (each replaced
 * by an empty module). The outfile's name must stay `<name>.js`; the worker lands beside it.
 */
export async function bundle({ entry = DEFAULT_ENTRY, outfile = DEFAULT_OUTFILE, minify = false } = {}) {
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build\` first (npm run bundle does)`);
  if (!outfile.endsWith(".js")) throw new Error(`the bundle's name must end in .js: ${outfile}`);
  const entryPoints = { [basename(outfile, ".js")]: entry };
  const workerEntry = join(dirname(entry), WORKER_ENTRY);
  if (existsSync(workerEntry)) entryPoints[WORKER_NAME] = workerEntry;
  const result = await build({
    entryPoints,
    outdir: dirname(outfile),
    bundle: true,
    // no code splitting: each file stands alone (a worker loads only its own)
    format: "esm",
    platform: "browser",
    target: ["es2022"],
    minify,
    sourcemap: true,
    metafile: true,
    logLevel: "warning",
    loader: { ".wasm": "binary" },
    plugins: [nodeBuiltinsStub],
    // `process.env.NODE_ENV`-style checks, if any library code grows them, see a browser.
    define: { "process.env.NODE_ENV": '"production"' },
  });
  const stubbed = Object.keys(result.metafile.inputs)
    .filter((p) => p.startsWith("node-stub:"))
    .map((p) => p.slice("node-stub:".length));
  const worker = entryPoints[WORKER_NAME] ? join(dirname(outfile), `${WORKER_NAME}.js`) : null;
  return { outfile, bytes: statSync(outfile).size, worker, stubbed };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const args = process.argv.slice(2);
  const outfile = args.find((a) => !a.startsWith("--")) ?? DEFAULT_OUTFILE;
  const { bytes, worker, stubbed } = await bundle({ outfile: resolve(outfile), minify: args.includes("--minify") });
  const notes = [];
  if (worker) notes.push(`thread pool worker: ${worker} ${(statSync(worker).size / 1024).toFixed(0)} KiB`);
  if (stubbed.length) notes.push(`Node-only imports stubbed: ${stubbed.join(", ")}`);
  console.log(`${outfile}: ${(bytes / 1024).toFixed(0)} KiB${notes.length ? ` (${notes.join("; ")})` : ""}`);
}
