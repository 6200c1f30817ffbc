/* WSNM dashboard: uPlot charts with threshold bands. */
'use strict';
const WsnmCharts = (() => {
  const COLORS = ['#1f5fa8', '#e4572e', '#2e8b57', '#8e44ad', '#b57b00', '#17a2b8'];
  const RANGES = { '1h': 3600e3, '6h': 6 * 3600e3, '24h': 24 * 3600e3, '7d': 7 * 24 * 3600e3 };

  /** Aligns per-channel point lists [[tMs, v], ...] into uPlot's [xs(seconds), ys...]. */
  function align(lists) {
    const xs = new Set();
    lists.forEach(l => l.forEach(p => xs.add(p[0])));
    const x = Array.from(xs).sort((a, b) => a - b);
    const index = new Map(x.map((t, i) => [t, i]));
    const ys = lists.map(l => {
      const y = new Array(x.length).fill(null);
      l.forEach(p => { y[index.get(p[0])] = p[1]; });
      return y;
    });
    return [x.map(t => t / 1000), ...ys];
  }

  /** Horizontal bands [{from, to, color}] drawn under the series. */
  function bandsPlugin(bands) {
    return {
      hooks: {
        drawAxes: [u => {
          const ctx = u.ctx, { left, top, width, height } = u.bbox;
          ctx.save();
          bands.forEach(b => {
            const y1 = u.valToPos(b.to, 'y', true), y0 = u.valToPos(b.from, 'y', true);
            const yTop = Math.max(top, Math.min(y1, y0)), yBot = Math.min(top + height, Math.max(y1, y0));
            if (yBot > yTop) { ctx.fillStyle = b.color; ctx.fillRect(left, yTop, width, yBot - yTop); }
            if (b.line !== undefined) {
              const y = u.valToPos(b.line, 'y', true);
              if (y >= top && y <= top + height) {
                ctx.strokeStyle = b.lineColor; ctx.setLineDash([5, 4]); ctx.beginPath();
                ctx.moveTo(left, y); ctx.lineTo(left + width, y); ctx.stroke(); ctx.setLineDash([]);
              }
            }
          });
          ctx.restore();
        }]
      }
    };
  }

  /**
   * Draws a chart into {@code el}; series: [{label, unit, axis: 'y'|'y2'}]; bands optional.
   * Returns the uPlot instance (destroy it before drawing again).
   */
  function draw(el, series, data, bands, yRange) {
    el.textContent = '';
    const width = Math.max(320, el.clientWidth || 600);
    const hasY2 = series.some(s => s.axis === 'y2');
    const opts = {
      width, height: 240,
      scales: { x: { time: true }, y: yRange ? { range: (u, min, max) => [Math.min(min, yRange[0]), Math.max(max, yRange[1])] } : {} },
      series: [{}].concat(series.map((s, i) => ({
        label: s.label, scale: s.axis || 'y', stroke: COLORS[i % COLORS.length], width: 1.5, spanGaps: true,
        value: (u, v) => v == null ? '–' : v.toFixed(2) + ' ' + (s.unit || '')
      }))),
      axes: [{}, { scale: 'y', size: 60 }].concat(hasY2 ? [{ scale: 'y2', side: 1, size: 50, grid: { show: false } }] : []),
      plugins: bands && bands.length ? [bandsPlugin(bands)] : []
    };
    if (hasY2) opts.scales.y2 = {};
    return new uPlot(opts, data, el);
  }

  return { align, draw, RANGES };
})();
