// The op table: every group's entries. A group file exports `ops: OpInfo[]`.
import type { OpInfo } from "./types.js";
import { ops as foundation } from "./foundation.js";
import { ops as math } from "./math.js";
import { ops as reductions } from "./reductions.js";
import { ops as shape } from "./shape.js";
import { ops as indexing } from "./indexing.js";
import { ops as scatterReduce } from "./scatter_reduce.js";
import { ops as linalg } from "./linalg.js";
import { ops as nn } from "./nn.js";

export const OPS: OpInfo[] = [...foundation, ...math, ...reductions, ...shape, ...indexing, ...scatterReduce, ...linalg, ...nn];
