// Charts for the Statistik page: uPlot (MIT, vendored in frontend/vendor/uplot, no CDN, no build
// step), loaded on first use only, so no other page pays for it.

const SCRIPT = "vendor/uplot/uPlot.iife.min.js";
const STYLE = "vendor/uplot/uPlot.min.css";
let loading = null;

/** window.uPlot, after adding the vendored script and stylesheet once. */
export function loadUPlot() {
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const css = document.createElement("link");
      css.rel = "stylesheet";
      css.href = STYLE;
      document.head.append(css);
      const script = document.createElement("script");
      script.src = SCRIPT;
      script.onload = () => resolve(window.uPlot);
      script.onerror = () => {
        loading = null;
        reject(new Error("Diagrammbibliothek nicht geladen"));
      };
      document.head.append(script);
    });
  }
  return loading;
}

const COLORS = ["#2d6aa3", "#1e7a3a", "#b5651d", "#8a3fa0", "#a33a3a"];

/** A bar chart: one bar per label (e.g. mean chrF++ per engine). */
export async function barChart(box, { labels, values, label, width = 640, height = 240 }) {
  const uPlot = await loadUPlot();
  const xs = labels.map((_, i) => i);
  const opts = {
    width, height,
    scales: { x: { time: false, range: [-0.5, labels.length - 0.5] }, y: { range: [0, 100] } },
    axes: [{ values: (_, ticks) => ticks.map((t) => labels[t] ?? "") , splits: () => xs }, { label }],
    series: [{}, { label, fill: COLORS[0] + "99", stroke: COLORS[0], paths: uPlot.paths.bars({ size: [0.6, 80] }),
      points: { show: false } }],
    legend: { show: false },
  };
  return new uPlot(opts, [xs, values.map((v) => v ?? 0)], box);
}

/** A line chart over days ("2026-12-01" strings) with one line per named series. */
export async function dayChart(box, { days, series, width = 640, height = 240 }) {
  const uPlot = await loadUPlot();
  const xs = days.map((d) => Date.parse(`${d}T12:00:00Z`) / 1000);
  const opts = {
    width, height,
    scales: { x: { time: true } },
    series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: COLORS[i % COLORS.length], width: 2 }))],
  };
  return new uPlot(opts, [xs, ...series.map((s) => s.values)], box);
}
