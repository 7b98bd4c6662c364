// Per-instance scratch memory for kernels that need more than registers (the sums' cascade levels).
// Several instances (one per thread) may share one linear memory, so no kernel writes static data:
// each host reserves scratchBytes() bytes of its own and hands them over once with setScratch().
// Module globals are per instance, so the address is too.

const SCRATCH_BYTES: usize = 1024; // reduce.ts uses 512 + 128
let scratchBase: usize = 0;

/** Bytes of scratch an instance needs (16-byte aligned, not shared with another instance). */
export function scratchBytes(): usize {
  return SCRATCH_BYTES;
}

/** Where this instance's scratch block starts; call once after instantiating. */
export function setScratch(ptr: usize): void {
  scratchBase = ptr;
}

/** This instance's scratch block; traps if the host never called setScratch. */
@inline export function scratch(): usize {
  if (scratchBase == 0) unreachable();
  return scratchBase;
}
