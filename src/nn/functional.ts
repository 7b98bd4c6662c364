// torch.nn.functional: PyTorch's functional API with camelCase names and trailing options objects.
export {
  relu, relu6, leakyRelu, elu, selu, celu, gelu, silu, mish, softplus, softsign, hardtanh, hardsigmoid, hardswish, logsigmoid,
  sigmoid, tanh,
} from "./activation.js";
export { softmax, logSoftmax, softmin } from "./softmax.js";
export type { SoftmaxOptions } from "./softmax.js";
export {
  linear, bilinear, dropout, embedding, oneHot, normalize, cosineSimilarity, pairwiseDistance,
} from "./linear.js";
export type { DropoutOptions, EmbeddingOptions, NormalizeOptions } from "./linear.js";
export {
  mseLoss, l1Loss, smoothL1Loss, huberLoss, binaryCrossEntropy, binaryCrossEntropyWithLogits, klDiv, nllLoss, crossEntropy,
} from "./loss.js";
export type { LossOptions, NllOptions, CrossEntropyOptions } from "./loss.js";
export { conv1d, conv2d, convTranspose2d } from "./conv.js";
export type { ConvOptions, ConvTransposeOptions } from "./conv.js";
export { maxPool1d, maxPool2d, avgPool1d, avgPool2d, adaptiveAvgPool2d } from "./pool.js";
export type { MaxPoolOptions, AvgPoolOptions, KernelOptions } from "./pool.js";
export { batchNorm, layerNorm, groupNorm } from "./norm.js";
export type { BatchNormOptions, LayerNormOptions, GroupNormOptions } from "./norm.js";
export { padNd as pad } from "../ops/shape_ops.js";
