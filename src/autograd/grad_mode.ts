// Global grad mode: whether ops record a graph. torch.no_grad / enable_grad / set_grad_enabled.

export const gradMode = { enabled: true, inference: false, anomaly: false };

export function isGradEnabled(): boolean {
  return gradMode.enabled;
}

export function setGradEnabled(flag: boolean): void {
  gradMode.enabled = flag;
}

function withGradMode<T>(flag: boolean, fn: () => T): T {
  const prev = gradMode.enabled;
  gradMode.enabled = flag;
  try {
    return fn();
  } finally {
    gradMode.enabled = prev;
  }
}

/** `with torch.no_grad():` — runs fn with graph recording off and returns its value. */
export function noGrad<T>(fn: () => T): T {
  return withGradMode(false, fn);
}

/** `with torch.enable_grad():` */
export function enableGrad<T>(fn: () => T): T {
  return withGradMode(true, fn);
}

/** `with torch.inference_mode():` — like noGrad here (tensors made inside are ordinary tensors). */
export function inferenceMode<T>(fn: () => T): T {
  const prev = gradMode.inference;
  gradMode.inference = true;
  try {
    return withGradMode(false, fn);
  } finally {
    gradMode.inference = prev;
  }
}

export function isInferenceModeEnabled(): boolean {
  return gradMode.inference;
}

/** torch.autograd.set_detect_anomaly: backward checks every node's outputs for NaN. */
export function setDetectAnomaly(flag: boolean): void {
  gradMode.anomaly = flag;
}
export function isAnomalyEnabled(): boolean {
  return gradMode.anomaly;
}
/** `with torch.autograd.detect_anomaly():` */
export function detectAnomaly<T>(fn: () => T): T {
  const prev = gradMode.anomaly;
  gradMode.anomaly = true;
  try {
    return fn();
  } finally {
    gradMode.anomaly = prev;
  }
}
