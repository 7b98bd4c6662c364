// Op table entries: nn (issue 3). See ./types.ts for the contract.
import type { OpInfo } from "./types.js";

export const ops: OpInfo[] = [];
