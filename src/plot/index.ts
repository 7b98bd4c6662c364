// tensorgrad's small SVG plotter (d2l / matplotlib-style figures without dependencies).
export { plot, scatter, figure, parseFmt, niceTicks, tickLabel, mathtext, COLOR_CYCLE } from "./svg.js";
export type { Numbers, Series, LegendLoc, AxesOptions, PlotOptions, ScatterOptions, FigureOptions, ParsedFmt, LineStyle, Marker } from "./svg.js";
