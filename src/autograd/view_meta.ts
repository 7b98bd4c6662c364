// A view's CreationMeta (torch/csrc/autograd/variable.h): how the view was made decides whether it may
// be modified in place under autograd. Views made by multi-output ops (split, chunk, unbind) and
// views made in no_grad or inference mode may not; handle_view_on_rebase raises PyTorch 2.x's
// messages, both for an in-place op on the view itself (direct) and, through the view's attr_version,
// for a later use of its grad_fn after its base or another view was written (indirect).
import { RuntimeError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { gradMode } from "./grad_mode.js";

/** PyTorch's enum class CreationMeta, same order. */
export const CreationMeta = { DEFAULT: 0, IN_CUSTOM_FUNCTION: 1, MULTI_OUTPUT_NODE: 2, NO_GRAD_MODE: 3, INFERENCE_MODE: 4 } as const;

/**
 * Stamps a new view of x: get_creation_meta_in_mode for the current mode (multi-output ops pass
 * MULTI_OUTPUT_NODE), then propagate_creation_meta from x when x is itself a view (a view is never
 * less restrictive than the view it was taken from; INFERENCE_MODE wins).
 */
export function stampView(view: Tensor, x: Tensor, multiOutput: boolean): void {
  const inMode = gradMode.inference
    ? CreationMeta.INFERENCE_MODE
    : !gradMode.enabled
      ? CreationMeta.NO_GRAD_MODE
      : multiOutput
        ? CreationMeta.MULTI_OUTPUT_NODE
        : CreationMeta.DEFAULT;
  const prev = x._base !== null ? x._creationMeta : CreationMeta.DEFAULT;
  const meta = inMode === CreationMeta.DEFAULT ? prev : prev === CreationMeta.INFERENCE_MODE ? prev : inMode;
  view._creationMeta = meta;
  // DifferentiableViewMeta's attr_version: the version its grad_fn was made at
  if (meta !== CreationMeta.DEFAULT) view._attrVersion = view._version.value;
}

/** handle_view_on_rebase (PyTorch 2.x's wording): throws for any view whose creation meta is not DEFAULT. */
export function handleViewOnRebase(view: Tensor, indirect: boolean): void {
  const meta = view._creationMeta;
  if (meta === CreationMeta.DEFAULT) return;
  const fn = view._gradFn;
  const modified = indirect ? "its base or another view of its base has been" : "is being";
  let msg: string;
  if (meta === CreationMeta.INFERENCE_MODE || meta === CreationMeta.NO_GRAD_MODE || fn === null) {
    // 2.x names the grad_fn of a view of a view made in no_grad/inference mode; 1.13 said "is a view and"
    const prefix = fn !== null ? `Output ${view._outputNr} of ${fn.name()} is a view of a view which was created in` : "A view was created in";
    msg =
      meta === CreationMeta.INFERENCE_MODE
        ? `${prefix} inference mode and ${modified} modified inplace in normal mode.`
        : `${prefix} no_grad mode and ${modified} modified inplace with grad mode enabled.`;
  } else msg = `Output ${view._outputNr} of ${fn.name()} is a view and ${modified} modified inplace.`;
  if (meta === CreationMeta.MULTI_OUTPUT_NODE)
    msg +=
      " This view is the output of a function that returns multiple views. Such functions do not allow the output views to be modified inplace. You should replace the inplace operation by an out-of-place one.";
  else if (meta === CreationMeta.NO_GRAD_MODE || meta === CreationMeta.INFERENCE_MODE) {
    const block = meta === CreationMeta.NO_GRAD_MODE ? "no_grad block" : "inference_mode block";
    msg += ` Given that this use case is ambiguous and error-prone, it is forbidden. You can clarify your code by moving both the view and the inplace either both inside the ${block} (if you don't want the inplace to be tracked) or both outside (if you want the inplace to be tracked).`;
  } else
    msg +=
      " This view was created inside a custom Function (or because an input was returned as-is) and the autograd logic to handle view+inplace would override the custom backward associated with the custom Function, leading to incorrect gradients. This behavior is forbidden. You can fix this by cloning the output of the custom Function.";
  throw new RuntimeError(msg);
}

/**
 * VariableHooks::grad_fn's check on a restricted view: when its storage was written after it was made
 * (in no_grad mode, or through its base or a sibling view), any use of its grad_fn raises (indirect).
 * Views whose base does not require grad and that have no grad_fn pass, as in PyTorch.
 */
export function checkViewGradFn(t: Tensor): void {
  if (t._creationMeta === CreationMeta.DEFAULT) return;
  if (t._gradFn === null && !t._base!.requiresGrad) return;
  if (t._attrVersion !== t._version.value) handleViewOnRebase(t, true);
}
