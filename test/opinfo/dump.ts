// Writes the op table's spec for scripts/golden/opinfo_cases.py: every op's `py`, and every sample with
// its inputs fully materialised (see ./spec.ts). Run from the repo root after `npx tsc -p .`:
//   node dist/test/opinfo/dump.js --write            (writes test/fixtures/opinfo_spec.json)
//   node dist/test/opinfo/dump.js --write PATH
// Without --write it does nothing: `node --test dist/test/` runs every file under dist/test, this one too.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { OPS } from "./index.js";
import { buildSpec } from "./spec.js";

const argv = process.argv.slice(2);
const at = argv.indexOf("--write");
if (at >= 0) {
  const path = argv[at + 1] ?? join(process.cwd(), "test", "fixtures", "opinfo_spec.json");
  const spec = buildSpec(OPS);
  writeFileSync(path, JSON.stringify(spec));
  const samples = spec.ops.reduce((n, o) => n + o.samples.length, 0);
  const errors = spec.ops.reduce((n, o) => n + o.errors.length, 0);
  console.log(`wrote ${spec.ops.length} ops, ${samples} samples and ${errors} error samples to ${path}`);
  if (spec.problems.length > 0) {
    console.error(`\n${spec.problems.length} sample(s) could not be materialised and were left out:\n  ${spec.problems.join("\n  ")}\n`);
  }
}
