// A small, dependency-free SVG plotter in the spirit of matplotlib's pyplot.plot / scatter, enough for
// d2l-style figures: several series with matplotlib format strings ('-', 'm--', 'g-.', 'r:', 'o', 'ro-'),
// linear axes with "nice" ticks and labels, a grid, a legend, optional title and axis limits.
// Every function returns SVG text; writing it to a file is left to the caller (this module runs anywhere).

/** Numbers as the plotter takes them: plain arrays, typed arrays, or anything indexable with a length. */
export type Numbers = ArrayLike<number>;

/** One drawn series. */
export interface Series {
  /** x coordinates; the indices 0..n-1 when omitted */
  x?: Numbers | null;
  y: Numbers;
  /** matplotlib format string: [color][marker][line], e.g. '-', 'm--', 'g-.', 'r:', 'o', 'k.', 'bo-' */
  fmt?: string;
  /** any SVG color; overrides the fmt's color letter */
  color?: string;
  /** legend text (a simple subset of matplotlib mathtext, such as `$f(x) = \sin(x)$`, is understood) */
  label?: string;
  lineWidth?: number;
  markerSize?: number;
}

export type LegendLoc =
  | "best" | "upper right" | "upper left" | "lower left" | "lower right" | "right" | "center left" | "center right"
  | "lower center" | "upper center" | "center";

/** Axes and figure options shared by plot, scatter and figure. */
export interface AxesOptions {
  xlabel?: string | null;
  ylabel?: string | null;
  xlim?: readonly [number, number] | null;
  ylim?: readonly [number, number] | null;
  title?: string | null;
  /** legend texts, one per series in order (as d2l's plot(..., legend=[...])) */
  legend?: readonly string[] | null;
  legendLoc?: LegendLoc;
  /** draw the grid (default true, as d2l's set_axes does) */
  grid?: boolean;
  /** pixels; default 480 x 340 */
  width?: number;
  height?: number;
}

export interface PlotOptions extends AxesOptions {
  /** one x array shared by all series, or one per series (d2l repeats X when there are fewer X than Y) */
  x?: Numbers | readonly Numbers[] | null;
  /** one series, or several */
  y: Numbers | readonly Numbers[];
  /** format strings per series; default d2l's ('-', 'm--', 'g-.', 'r:') */
  fmts?: readonly string[];
}

export interface ScatterOptions extends AxesOptions {
  x: Numbers | readonly Numbers[];
  y: Numbers | readonly Numbers[];
  /** marker format strings per series; default 'o' with the color cycle */
  fmts?: readonly string[];
  markerSize?: number;
}

export interface FigureOptions extends AxesOptions {
  series: readonly Series[];
}

// ---- format strings ---------------------------------------------------------------------------

export type LineStyle = "-" | "--" | "-." | ":" | null;
export type Marker = "o" | "." | "," | "s" | "^" | "v" | "<" | ">" | "D" | "d" | "x" | "X" | "+" | "*" | "p" | "h" | "H" | "|" | "_" | null;

export interface ParsedFmt {
  color: string | null;
  marker: Marker;
  line: LineStyle;
}

/** matplotlib's single-letter colors */
const COLOR_LETTERS: Record<string, string> = {
  b: "#0000ff",
  g: "#008000",
  r: "#ff0000",
  c: "#00bfbf",
  m: "#bf00bf",
  y: "#bfbf00",
  k: "#000000",
  w: "#ffffff",
};
/** matplotlib's default color cycle (tab10) */
export const COLOR_CYCLE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
const MARKERS = new Set(["o", ".", ",", "s", "^", "v", "<", ">", "D", "d", "x", "X", "+", "*", "p", "h", "H", "|", "_"]);

/** Parses a matplotlib format string; throws on what matplotlib would reject. */
export function parseFmt(fmt: string): ParsedFmt {
  const out: ParsedFmt = { color: null, marker: null, line: null };
  let i = 0;
  while (i < fmt.length) {
    const two = fmt.slice(i, i + 2);
    const ch = fmt[i];
    if (two === "--" || two === "-.") {
      if (out.line) throw new Error(`Illegal format string "${fmt}"; two linestyle symbols`);
      out.line = two;
      i += 2;
    } else if (ch === "-" || ch === ":") {
      if (out.line) throw new Error(`Illegal format string "${fmt}"; two linestyle symbols`);
      out.line = ch;
      i += 1;
    } else if (ch in COLOR_LETTERS) {
      if (out.color) throw new Error(`Illegal format string "${fmt}"; two color symbols`);
      out.color = COLOR_LETTERS[ch];
      i += 1;
    } else if (MARKERS.has(ch)) {
      if (out.marker) throw new Error(`Illegal format string "${fmt}"; two marker symbols`);
      out.marker = ch as Marker;
      i += 1;
    } else throw new Error(`Unrecognized character ${ch} in format string "${fmt}"`);
  }
  // Like matplotlib: no line style and no marker means a solid line; a marker alone means no line.
  if (!out.line && !out.marker) out.line = "-";
  return out;
}

// ---- ticks ------------------------------------------------------------------------------------

/** Tick positions in [lo, hi] at a 1-2-2.5-5 step, about `target` of them. */
export function niceTicks(lo: number, hi: number, target = 6): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return Number.isFinite(lo) ? [lo] : [];
  const step = niceStep((hi - lo) / Math.max(1, target));
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const ticks: number[] = [];
  for (let k = first; k <= last; k++) ticks.push(k * step + 0); // + 0: no -0
  return ticks;
}

function niceStep(raw: number): number {
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / p;
  const m = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return m * p;
}

/** Tick label text, with just enough decimals for the step and matplotlib's Unicode minus. */
export function tickLabel(v: number, step: number): string {
  let decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  if (Math.abs(Math.round(step * Math.pow(10, decimals)) - step * Math.pow(10, decimals)) > 1e-6) decimals += 1;
  const s = (Math.abs(v) < step * 1e-9 ? 0 : v).toFixed(Math.min(decimals, 20));
  return s.startsWith("-") ? "\u2212" + s.slice(1) : s;
}

// ---- text -------------------------------------------------------------------------------------

const TEX_SYMBOLS: Record<string, string> = {
  alpha: "\u03b1", beta: "\u03b2", gamma: "\u03b3", delta: "\u03b4", epsilon: "\u03b5", theta: "\u03b8", lambda: "\u03bb",
  mu: "\u03bc", pi: "\u03c0", sigma: "\u03c3", tau: "\u03c4", phi: "\u03c6", omega: "\u03c9", Delta: "\u0394", Sigma: "\u03a3",
  nabla: "\u2207", partial: "\u2202", cdot: "\u00b7", times: "\u00d7", infty: "\u221e", leq: "\u2264", geq: "\u2265", approx: "\u2248",
};

/** A readable rendering of the mathtext subset d2l legends use: `$f'(x) = \cos(x)$` -> `f'(x) = cos(x)`. */
export function mathtext(s: string): string {
  if (!s.includes("$")) return s;
  return s.replace(/\$([^$]*)\$/g, (_, body: string) =>
    body
      .replace(/\\([A-Za-z]+)/g, (m: string, name: string) => TEX_SYMBOLS[name] ?? name)
      .replace(/[\^_]\{([^}]*)\}/g, "$1")
      .replace(/[\^_](\w)/g, "$1")
      .replace(/\\,|\\;|\\!/g, " ")
      .replace(/[{}]/g, ""),
  );
}

function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function num(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? "0" : String(r);
}

/** rough width of a text in pixels for a sans-serif font */
function textWidth(s: string, fontSize: number): number {
  let w = 0;
  for (const ch of s) w += ch.charCodeAt(0) > 0x2e80 ? 1.0 : /[il.,:;'|!]/.test(ch) ? 0.3 : /[mwMW]/.test(ch) ? 0.85 : 0.58;
  return w * fontSize;
}

// ---- drawing ----------------------------------------------------------------------------------

function dashArray(line: LineStyle, lw: number): string | null {
  // matplotlib's dash patterns (in units of the line width)
  switch (line) {
    case "--":
      return [3.7, 1.6].map((v) => num(v * lw)).join(",");
    case "-.":
      return [6.4, 1.6, 1, 1.6].map((v) => num(v * lw)).join(",");
    case ":":
      return [1, 1.65].map((v) => num(v * lw)).join(",");
    default:
      return null;
  }
}

function markerShape(marker: Marker, cx: number, cy: number, size: number, color: string): string {
  const r = size / 2;
  const fill = `fill="${color}" stroke="${color}" stroke-width="0.8"`;
  const stroke = `fill="none" stroke="${color}" stroke-width="1.2"`;
  switch (marker) {
    case ".":
      return `<circle cx="${num(cx)}" cy="${num(cy)}" r="${num(r * 0.5)}" ${fill}/>`;
    case ",":
      return `<rect x="${num(cx - 0.5)}" y="${num(cy - 0.5)}" width="1" height="1" fill="${color}"/>`;
    case "s":
      return `<rect x="${num(cx - r)}" y="${num(cy - r)}" width="${num(2 * r)}" height="${num(2 * r)}" ${fill}/>`;
    case "D":
    case "d": {
      const rx = marker === "d" ? r * 0.7 : r;
      return `<path d="M${num(cx)},${num(cy - r)}L${num(cx + rx)},${num(cy)}L${num(cx)},${num(cy + r)}L${num(cx - rx)},${num(cy)}Z" ${fill}/>`;
    }
    case "^":
    case "v":
    case "<":
    case ">": {
      const pts: [number, number][] = { "^": [[0, -1], [1, 0.8], [-1, 0.8]], v: [[0, 1], [1, -0.8], [-1, -0.8]], "<": [[-1, 0], [0.8, -1], [0.8, 1]], ">": [[1, 0], [-0.8, -1], [-0.8, 1]] }[marker] as [number, number][];
      return `<path d="${pts.map(([dx, dy], i) => `${i ? "L" : "M"}${num(cx + dx * r)},${num(cy + dy * r)}`).join("")}Z" ${fill}/>`;
    }
    case "x":
    case "X":
      return `<path d="M${num(cx - r)},${num(cy - r)}L${num(cx + r)},${num(cy + r)}M${num(cx - r)},${num(cy + r)}L${num(cx + r)},${num(cy - r)}" ${stroke}/>`;
    case "+":
      return `<path d="M${num(cx - r)},${num(cy)}L${num(cx + r)},${num(cy)}M${num(cx)},${num(cy - r)}L${num(cx)},${num(cy + r)}" ${stroke}/>`;
    case "|":
      return `<path d="M${num(cx)},${num(cy - r)}L${num(cx)},${num(cy + r)}" ${stroke}/>`;
    case "_":
      return `<path d="M${num(cx - r)},${num(cy)}L${num(cx + r)},${num(cy)}" ${stroke}/>`;
    default:
      // 'o', and the star/pentagon/hexagon markers drawn as circles
      return `<circle cx="${num(cx)}" cy="${num(cy)}" r="${num(r)}" ${fill}/>`;
  }
}

interface Resolved {
  xs: number[];
  ys: number[];
  color: string;
  line: LineStyle;
  marker: Marker;
  lineWidth: number;
  markerSize: number;
  label: string | null;
}

function toArray(v: Numbers): number[] {
  return Array.from({ length: v.length }, (_, i) => Number(v[i]));
}

function dataRange(values: number[][], pad: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const arr of values)
    for (const v of arr)
      if (Number.isFinite(v)) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
  if (lo === Infinity) return [0, 1];
  if (lo === hi) {
    const d = lo === 0 ? 0.5 : Math.abs(lo) * 0.05;
    return [lo - d, hi + d];
  }
  const m = (hi - lo) * pad;
  return [lo - m, hi + m];
}

let clipCounter = 0;

/** Draws any number of series on one pair of axes; returns the SVG document text. */
export function figure(opts: FigureOptions): string {
  const W = opts.width ?? 480;
  const H = opts.height ?? 340;
  const fontSize = 11;
  let cycle = 0;
  const series: Resolved[] = opts.series.map((s, i) => {
    const f = parseFmt(s.fmt ?? "-");
    const ys = toArray(s.y);
    const xs = s.x == null ? ys.map((_, k) => k) : toArray(s.x);
    if (xs.length !== ys.length) throw new Error(`x and y must have same first dimension, but have shapes (${xs.length},) and (${ys.length},)`);
    const color = s.color ?? f.color ?? COLOR_CYCLE[cycle++ % COLOR_CYCLE.length];
    const label = opts.legend?.[i] ?? s.label ?? null;
    return { xs, ys, color, line: f.line, marker: f.marker, lineWidth: s.lineWidth ?? 1.5, markerSize: s.markerSize ?? 6, label };
  });

  const [x0, x1] = opts.xlim ?? dataRange(series.map((s) => s.xs), 0.05);
  const [y0, y1] = opts.ylim ?? dataRange(series.map((s) => s.ys), 0.05);
  const xTicks = niceTicks(Math.min(x0, x1), Math.max(x0, x1), Math.max(3, Math.round(W / 80)));
  const yTicks = niceTicks(Math.min(y0, y1), Math.max(y0, y1), Math.max(3, Math.round(H / 60)));
  const xStep = xTicks.length > 1 ? xTicks[1] - xTicks[0] : 1;
  const yStep = yTicks.length > 1 ? yTicks[1] - yTicks[0] : 1;
  const yLabels = yTicks.map((v) => tickLabel(v, yStep));
  const yLabelWidth = Math.max(0, ...yLabels.map((s) => textWidth(s, fontSize)));

  const left = 14 + yLabelWidth + (opts.ylabel ? fontSize + 10 : 0);
  const right = W - 16;
  const top = opts.title ? 30 : 14;
  const bottom = H - (opts.xlabel ? 44 : 28);
  const sx = (v: number): number => left + ((v - x0) / (x1 - x0)) * (right - left);
  const sy = (v: number): number => bottom - ((v - y0) / (y1 - y0)) * (bottom - top);

  const clipId = `tg-plot-clip-${++clipCounter}`;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-size="${fontSize}">`,
  );
  out.push(`<rect x="0" y="0" width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<defs><clipPath id="${clipId}"><rect x="${num(left)}" y="${num(top)}" width="${num(right - left)}" height="${num(bottom - top)}"/></clipPath></defs>`);

  // grid
  if (opts.grid ?? true) {
    const g: string[] = [];
    for (const v of xTicks) g.push(`M${num(sx(v))},${num(top)}V${num(bottom)}`);
    for (const v of yTicks) g.push(`M${num(left)},${num(sy(v))}H${num(right)}`);
    if (g.length) out.push(`<path class="grid" d="${g.join("")}" stroke="#b0b0b0" stroke-opacity="0.5" stroke-width="0.8" fill="none"/>`);
  }

  // data
  out.push(`<g clip-path="url(#${clipId})">`);
  for (const s of series) {
    if (s.line) {
      let d = "";
      let pen = false;
      for (let k = 0; k < s.xs.length; k++) {
        const px = sx(s.xs[k]);
        const py = sy(s.ys[k]);
        if (!Number.isFinite(px) || !Number.isFinite(py)) {
          pen = false;
          continue;
        }
        d += `${pen ? "L" : "M"}${num(px)},${num(py)}`;
        pen = true;
      }
      const dash = dashArray(s.line, s.lineWidth);
      if (d)
        out.push(
          `<path class="line" d="${d}" fill="none" stroke="${s.color}" stroke-width="${s.lineWidth}" stroke-linejoin="round" stroke-linecap="${s.line === "-" ? "square" : "butt"}"${dash ? ` stroke-dasharray="${dash}"` : ""}/>`,
        );
    }
    if (s.marker) {
      const pts: string[] = [];
      for (let k = 0; k < s.xs.length; k++) {
        const px = sx(s.xs[k]);
        const py = sy(s.ys[k]);
        if (Number.isFinite(px) && Number.isFinite(py)) pts.push(markerShape(s.marker, px, py, s.markerSize, s.color));
      }
      out.push(`<g class="points">${pts.join("")}</g>`);
    }
  }
  out.push(`</g>`);

  // axes frame, ticks and tick labels
  out.push(`<rect x="${num(left)}" y="${num(top)}" width="${num(right - left)}" height="${num(bottom - top)}" fill="none" stroke="#000000" stroke-width="0.8"/>`);
  const ticks: string[] = [];
  const labels: string[] = [];
  for (const v of xTicks) {
    const px = sx(v);
    ticks.push(`M${num(px)},${num(bottom)}v3.5`);
    labels.push(`<text x="${num(px)}" y="${num(bottom + 6 + fontSize)}" text-anchor="middle">${esc(tickLabel(v, xStep))}</text>`);
  }
  yTicks.forEach((v, i) => {
    const py = sy(v);
    ticks.push(`M${num(left)},${num(py)}h-3.5`);
    labels.push(`<text x="${num(left - 6)}" y="${num(py + fontSize * 0.35)}" text-anchor="end">${esc(yLabels[i])}</text>`);
  });
  out.push(`<path class="ticks" d="${ticks.join("")}" stroke="#000000" stroke-width="0.8"/>`);
  out.push(`<g class="tick-labels" fill="#000000">${labels.join("")}</g>`);

  // axis labels and title
  if (opts.xlabel) out.push(`<text class="xlabel" x="${num((left + right) / 2)}" y="${num(H - 8)}" text-anchor="middle">${esc(mathtext(opts.xlabel))}</text>`);
  if (opts.ylabel) {
    const cx = 12 + fontSize / 2;
    const cy = (top + bottom) / 2;
    out.push(`<text class="ylabel" x="${num(cx)}" y="${num(cy)}" text-anchor="middle" transform="rotate(-90 ${num(cx)} ${num(cy)})">${esc(mathtext(opts.ylabel))}</text>`);
  }
  if (opts.title) out.push(`<text class="title" x="${num((left + right) / 2)}" y="${num(top - 9)}" text-anchor="middle" font-size="${fontSize + 1}">${esc(mathtext(opts.title))}</text>`);

  // legend
  const entries = series.filter((s) => s.label !== null && s.label !== "");
  if (entries.length) {
    const texts = entries.map((s) => mathtext(s.label as string));
    const rowH = fontSize + 7;
    const handleW = 26;
    const boxW = 8 + handleW + 6 + Math.max(...texts.map((t) => textWidth(t, fontSize))) + 8;
    const boxH = 6 + rowH * entries.length;
    const pad = 8;
    const midX = (left + right - boxW) / 2;
    const midY = (top + bottom - boxH) / 2;
    const corners: Record<Exclude<LegendLoc, "best">, [number, number]> = {
      "upper right": [right - pad - boxW, top + pad],
      "upper left": [left + pad, top + pad],
      "lower left": [left + pad, bottom - pad - boxH],
      "lower right": [right - pad - boxW, bottom - pad - boxH],
      right: [right - pad - boxW, midY],
      "center left": [left + pad, midY],
      "center right": [right - pad - boxW, midY],
      "lower center": [midX, bottom - pad - boxH],
      "upper center": [midX, top + pad],
      center: [midX, midY],
    };
    let loc = opts.legendLoc ?? "best";
    if (loc === "best") {
      // matplotlib's 'best': the location (in its order) whose box covers the least data. Lines count by
      // samples along each segment, so a curve crossing the box counts even between its points.
      const samples: [number, number][] = [];
      for (const s of series)
        for (let k = 0; k < s.xs.length; k++) {
          const px = sx(s.xs[k]);
          const py = sy(s.ys[k]);
          if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
          samples.push([px, py]);
          if (s.line && k + 1 < s.xs.length) {
            const qx = sx(s.xs[k + 1]);
            const qy = sy(s.ys[k + 1]);
            if (!Number.isFinite(qx) || !Number.isFinite(qy)) continue;
            const steps = Math.min(200, Math.ceil(Math.hypot(qx - px, qy - py) / 3));
            for (let j = 1; j < steps; j++) samples.push([px + ((qx - px) * j) / steps, py + ((qy - py) * j) / steps]);
          }
        }
      let bestCount = Infinity;
      for (const name of Object.keys(corners) as Exclude<LegendLoc, "best">[]) {
        const [bx, by] = corners[name];
        let count = 0;
        for (const [px, py] of samples) if (px >= bx && px <= bx + boxW && py >= by && py <= by + boxH) count++;
        if (count < bestCount) {
          bestCount = count;
          loc = name;
        }
      }
    }
    const [bx, by] = corners[loc as Exclude<LegendLoc, "best">];
    const g: string[] = [`<g class="legend">`];
    g.push(`<rect x="${num(bx)}" y="${num(by)}" width="${num(boxW)}" height="${num(boxH)}" rx="3" fill="#ffffff" fill-opacity="0.8" stroke="#cccccc"/>`);
    entries.forEach((s, i) => {
      const cy = by + 3 + rowH * i + rowH / 2;
      const hx = bx + 8;
      if (s.line) {
        const dash = dashArray(s.line, s.lineWidth);
        g.push(`<path d="M${num(hx)},${num(cy)}h${handleW}" stroke="${s.color}" stroke-width="${s.lineWidth}"${dash ? ` stroke-dasharray="${dash}"` : ""}/>`);
      }
      if (s.marker) g.push(markerShape(s.marker, hx + handleW / 2, cy, s.markerSize, s.color));
      g.push(`<text x="${num(hx + handleW + 6)}" y="${num(cy + fontSize * 0.35)}">${esc(texts[i])}</text>`);
    });
    g.push(`</g>`);
    out.push(g.join(""));
  }

  out.push(`</svg>`);
  return out.join("\n") + "\n";
}

function isNested(v: Numbers | readonly Numbers[]): v is readonly Numbers[] {
  return v.length > 0 && typeof (v as ArrayLike<unknown>)[0] === "object" && (v as ArrayLike<unknown>)[0] !== null;
}

/** Pairs X with Y the way d2l's plot() does: one X for all Y, or X repeated when there are fewer. */
function pairUp(x: Numbers | readonly Numbers[] | null | undefined, y: Numbers | readonly Numbers[]): [(Numbers | null)[], Numbers[]] {
  const Y: Numbers[] = isNested(y) ? [...y] : [y as Numbers];
  if (x == null) return [Y.map(() => null), Y];
  let X: Numbers[] = isNested(x) ? [...x] : [x as Numbers];
  if (X.length !== Y.length) {
    const rep: Numbers[] = [];
    for (let i = 0; i < Y.length; i++) rep.push(X[i % X.length]);
    X = rep;
  }
  return [X, Y];
}

const D2L_FMTS = ["-", "m--", "g-.", "r:"];

/**
 * Line plot, as d2l's plot(X, Y, xlabel, ylabel, legend, xlim, ylim, fmts=('-', 'm--', 'g-.', 'r:')).
 * A format with a marker and no line style ('o', 'r.') draws points only, so a fit and its data can share a figure.
 */
export function plot(opts: PlotOptions): string {
  const [X, Y] = pairUp(opts.x, opts.y);
  const fmts = opts.fmts ?? D2L_FMTS;
  const series: Series[] = Y.map((y, i) => ({ x: X[i], y, fmt: fmts[i % fmts.length] }));
  return figure({ ...opts, series });
}

/** Scatter plot (matplotlib's plt.scatter): markers only, one series per y. */
export function scatter(opts: ScatterOptions): string {
  const [X, Y] = pairUp(opts.x, opts.y);
  const series: Series[] = Y.map((y, i) => ({ x: X[i], y, fmt: opts.fmts?.[i] ?? "o", markerSize: opts.markerSize ?? 6 }));
  return figure({ ...opts, series });
}
