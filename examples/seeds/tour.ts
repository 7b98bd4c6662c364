// `npm start`: runs the five seed documents' code, ported to tensorgrad, one after the other.
import * as seed0 from "./seed0_autograd.js";
import * as seed1 from "./seed1_d2l_autograd.js";
import * as seed2 from "./seed2_csdn_autograd.js";
import * as seed3 from "./seed3_blog_autograd.js";
import * as seed4 from "./seed4_linear_regression.js";

export const seeds: { title: string; run: () => void }[] = [seed0, seed1, seed2, seed3, seed4];

export function tour(): void {
  const rule = "=".repeat(72);
  process.stdout.write(`${rule}\ntensorgrad — PyTorch's tensors and autograd in TypeScript\n`);
  process.stdout.write(`A tour: the code cells of five notes on PyTorch autograd, ported cell by cell.\n`);
  process.stdout.write(`Plots are written as SVG under out/plots/.\n${rule}\n`);
  for (const seed of seeds) {
    process.stdout.write(`\n=== ${seed.title} ===\n`);
    seed.run();
  }
}

tour();
