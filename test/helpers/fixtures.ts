import { readFileSync } from "node:fs";
import { join } from "node:path";

/** Reads a committed golden fixture (written by scripts/golden/*.py). Tests run from the repo root. */
export function loadFixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(join(process.cwd(), "test", "fixtures", name), "utf8")) as T;
}
