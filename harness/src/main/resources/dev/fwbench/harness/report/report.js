/* report.html's charts: every chart is a uPlot instance fed from window.FWBENCH_REPORT (the
   numbers computed by the harness at report time, see dev.fwbench.harness.report.ChartData).
   This script draws nothing itself: it picks the series a reader asked for (corrected or
   uncorrected, which run), gives them the page's colours (light, dark, print) and hands them
   to uPlot. Charts are rebuilt when a choice, the colour scheme or the width changes. */
(function () {
  'use strict';
  var data = window.FWBENCH_REPORT;
  var severalSources = data.sources.length > 1;
  var state = {timing: 'corrected', floor: true, run: null, printing: false};
  var charts = [];

  function palette() {
    var el = state.printing ? document.querySelector('.light-palette') : document.documentElement;
    var cs = getComputedStyle(el);
    function v(name) { return cs.getPropertyValue(name).trim(); }
    return {fg: v('--fg'), bg: v('--bg'), muted: v('--muted'), grid: v('--grid'), floor: v('--floor'), worse: v('--worse'),
      colours: [v('--t0'), v('--t1'), v('--t2'), v('--t3'), v('--t4'), v('--t5')]};
  }

  function targetColour(p, target) {
    var i = data.targets.indexOf(target);
    return p.colours[(i < 0 ? 0 : i) % p.colours.length];
  }

  /* with before / after, A is dashed and B solid; one source: solid */
  function sourceDash(source) {
    return severalSources && data.sources.indexOf(source) === 0 ? [7, 4] : undefined;
  }

  function sourcePrefix(source) { return severalSources ? source + ' ' : ''; }

  function width(el) {
    if (state.printing) { return 680; }
    return Math.max(320, Math.min(el.parentElement.clientWidth || 900, 1160));
  }

  function axis(p, label, extra) {
    var a = {label: label, stroke: p.fg, grid: {stroke: p.grid, width: 1}, ticks: {stroke: p.grid, width: 1}};
    for (var k in extra) { if (Object.prototype.hasOwnProperty.call(extra, k)) { a[k] = extra[k]; } }
    return a;
  }

  function fixed(d) { return function (u, v) { return v == null ? '-' : v.toFixed(d); }; }

  /* 1 / (1 - p) -> "99.9": as many decimals as the nines need */
  function percentile(x) {
    var decimals = Math.max(0, Math.ceil(Math.log10(x)) - 2);
    return (100 * (1 - 1 / x)).toFixed(decimals);
  }

  /* grid lines and labels at the percentiles people quote: 0, 50, 90, 99, 99.9... */
  function percentileSplits(u, axisIdx, min, max) {
    var splits = [1, 2];
    for (var x = 10; x <= max * 1.0001; x *= 10) { splits.push(x); }
    return splits.filter(function (x) { return x >= min * 0.9999 && x <= max * 1.0001; });
  }

  function percentileTicks(u, splits) {
    return splits.map(function (x) { return percentile(x) + '%'; });
  }

  function plot(el, opts, columns, height) {
    var bg = palette().bg;
    opts.series.slice(1).forEach(function (s) {
      s.points = s.points || {};
      if (s.points.fill === undefined) { s.points.fill = bg; }
    });
    var holder = document.createElement('div');
    el.appendChild(holder);
    opts.width = width(el);
    opts.height = height || 300;
    opts.legend = opts.legend || {live: true};
    return new uPlot(opts, columns, holder);
  }

  function note(el, text) {
    var p = document.createElement('p');
    p.className = 'chart-note';
    p.textContent = text;
    el.appendChild(p);
  }

  /* ---- percentile spectrum: latency against 1 / (1 - p) on a log axis ---- */
  function spectrum(el, spec) {
    var p = palette();
    var columns = [spec.x];
    var series = [{label: 'percentile', value: function (u, x) { return x == null ? '-' : percentile(x) + ' %'; }}];
    spec.lines.forEach(function (l) {
      if (l.floor && !state.floor) { return; }
      var ys = state.timing === 'uncorrected' && l.uncorrected ? l.uncorrected : l.corrected;
      columns.push(ys);
      series.push({
        label: sourcePrefix(l.source) + (l.floor ? 'floor of ' : '') + l.target + ' t' + l.trial,
        stroke: l.floor ? p.floor : targetColour(p, l.target), width: l.floor ? 1 : 1.5,
        dash: l.floor ? [2, 3] : sourceDash(l.source), spanGaps: true, points: {show: false}, value: fixed(3)
      });
    });
    return [plot(el, {
      scales: {x: {time: false, distr: 3, log: 10}},
      series: series,
      axes: [axis(p, 'percentile (log scale of 1 / (1 - p))', {splits: percentileSplits, values: percentileTicks,
        filter: function (u, splits) { return splits; }}),
        axis(p, 'latency (ms, ' + state.timing + ')', {size: 60})]
    }, columns, 320)];
  }

  /* ---- over time: the chosen run's per-second series, every target in it ---- */
  function timeline(el, tl) {
    var p = palette();
    var runs = tl.runs.filter(function (r) { return r.run === state.run; });
    if (!runs.length) { note(el, 'This request was not measured in the run shown: pick another run above.'); }
    var lat = uPlot.join(runs.length ? runs.map(function (r) {
      return [r.series.t, r.series.p50, r.series.p99, r.series.max];
    }) : [[[0], [null], [null], [null]]]);
    var latSeries = [{label: 'second', value: fixed(0)}];
    var rateTables = [];
    var rateSeries = [{label: 'second', value: fixed(0)}];
    runs.forEach(function (r) {
      var c = targetColour(p, r.target);
      latSeries.push({label: r.target + ' p50', stroke: c, width: 2, value: fixed(3), spanGaps: false});
      latSeries.push({label: r.target + ' p99', stroke: c, width: 1.5, dash: [6, 3], value: fixed(3)});
      latSeries.push({label: r.target + ' max', stroke: c, width: 1, dash: [1, 3], value: fixed(3)});
      rateTables.push(r.series.errors ? [r.series.t, r.series.rate, r.series.errors] : [r.series.t, r.series.rate]);
      rateSeries.push({label: r.target + ' req/s', stroke: c, width: 2, value: fixed(1)});
      if (r.series.errors) {
        rateSeries.push({label: r.target + ' errors/s', stroke: p.worse, width: 1.5, dash: [4, 3], scale: 'err',
          value: fixed(1)});
      }
    });
    if (!latSeries.slice(1).length) {
      latSeries.push({label: 'no data', stroke: p.muted});
      rateSeries.push({label: 'no data', stroke: p.muted});
      rateTables.push([[0], [null]]);
    }
    var rate = uPlot.join(rateTables);
    var built = [];
    built.push(plot(el, {
      scales: {x: {time: false}},
      series: latSeries,
      axes: [axis(p, 'seconds into the measured phase', {}), axis(p, 'latency (ms)', {size: 60}),
        /* an empty right axis as wide as the rate chart's, so that both charts' seconds line up */
        axis(p, '', {side: 1, size: 50, values: function (u, splits) { return splits.map(function () { return ''; }); },
          grid: {show: false}, ticks: {show: false}})]
    }, lat, 260));
    built.push(plot(el, {
      scales: {x: {time: false}, y: {range: function (u, min, max) { return [0, Math.max(1, max * 1.1)]; }},
        err: {range: function (u, min, max) { return [0, Math.max(1, max * 1.1)]; }}},
      series: rateSeries,
      axes: [axis(p, 'seconds into the measured phase', {}), axis(p, 'completed per second', {size: 60}),
        axis(p, 'errors per second', {scale: 'err', side: 1, grid: {show: false}, size: 50})]
    }, rate, 200));
    return built;
  }

  /* ---- resources: every service of the chosen run, CPU and memory ---- */
  function resources(el, rc) {
    var p = palette();
    var runs = rc.runs.filter(function (r) { return r.run === state.run; });
    if (!runs.length) {
      runs = rc.runs.slice(0, 1);
      if (runs.length) { note(el, 'Not sampled in the run shown; showing ' + runs[0].run.replace('#', ' trial ') + '.'); }
    }
    var cpuTables = [];
    var memTables = [];
    var cpuSeries = [{label: 'second', value: fixed(0)}];
    var memSeries = [{label: 'second', value: fixed(0)}];
    var i = 0;
    runs.forEach(function (r) {
      r.services.forEach(function (s) {
        var c = p.colours[i++ % p.colours.length];
        var name = (r.target && runs.length > 1 ? r.target + ': ' : '') + s.service;
        cpuTables.push([s.t, s.cpu]);
        memTables.push([s.t, s.memoryMiB]);
        cpuSeries.push({label: name, stroke: c, width: 1.5, value: fixed(1)});
        memSeries.push({label: name, stroke: c, width: 1.5, value: fixed(1)});
      });
    });
    if (!cpuTables.length) {
      cpuTables.push([[0], [null]]);
      memTables.push([[0], [null]]);
      cpuSeries.push({label: 'no samples', stroke: p.muted});
      memSeries.push({label: 'no samples', stroke: p.muted});
    }
    return [
      plot(el, {scales: {x: {time: false}}, series: cpuSeries,
        axes: [axis(p, 'seconds from the first sample', {}), axis(p, 'CPU (% of one core)', {size: 60})]},
        uPlot.join(cpuTables), 240),
      plot(el, {scales: {x: {time: false}}, series: memSeries,
        axes: [axis(p, 'seconds from the first sample', {}), axis(p, 'memory (MiB)', {size: 60})]},
        uPlot.join(memTables), 240)
    ];
  }

  /* ---- sweeps: throughput against the swept setting, latency against throughput ---- */
  function sweep(el, sw) {
    var p = palette();
    var scaleTables = [];
    var scaleSeries = [{label: sw.key, value: fixed(0)}];
    var latTables = [];
    var latSeries = [{label: 'req/s', value: fixed(1)}];
    sw.lines.forEach(function (l) {
      var c = targetColour(p, l.target);
      var knee = l.x.map(function (x, i) { return x === l.kneeX ? l.throughput[i] : null; });
      var slo = l.x.map(function (x, i) { return x === l.sloCapacityX ? l.throughput[i] : null; });
      scaleTables.push([l.x, l.throughput, l.ideal, knee, slo]);
      scaleSeries.push({label: l.target + ' throughput', stroke: c, width: 2, points: {show: true, size: 6}, value: fixed(1)});
      scaleSeries.push({label: l.target + ' ideal (linear)', stroke: c, width: 1, dash: [5, 4], value: fixed(1)});
      scaleSeries.push({label: l.target + ' knee', stroke: c, width: 0, paths: function () { return null; },
        points: {show: true, size: 14, width: 2, fill: 'transparent'}, value: fixed(1)});
      scaleSeries.push({label: l.target + ' last within the p99 SLO', stroke: p.worse, width: 0,
        paths: function () { return null; }, points: {show: true, size: 20, width: 1.5, fill: 'transparent'},
        value: fixed(1)});
      var order = l.throughput.map(function (t, i) { return i; }).sort(function (a, b) {
        return l.throughput[a] - l.throughput[b];
      });
      latTables.push([order.map(function (i) { return l.throughput[i]; }), order.map(function (i) { return l.p50[i]; }),
        order.map(function (i) { return l.p99[i]; })]);
      latSeries.push({label: l.target + ' p50', stroke: c, width: 2, points: {show: true}, spanGaps: true, value: fixed(3)});
      latSeries.push({label: l.target + ' p99', stroke: c, width: 1.5, dash: [6, 3], points: {show: true}, spanGaps: true,
        value: fixed(3)});
    });
    var latCols = uPlot.join(latTables);
    if (sw.sloP99Ms != null) {
      latCols.push(latCols[0].map(function () { return sw.sloP99Ms; }));
      latSeries.push({label: 'SLO p99', stroke: p.worse, width: 1, dash: [2, 2], value: fixed(3)});
    }
    return [
      plot(el, {scales: {x: {time: false}}, series: scaleSeries,
        axes: [axis(p, sw.key, {}), axis(p, 'throughput (req/s)', {size: 60})]}, uPlot.join(scaleTables), 280),
      plot(el, {scales: {x: {time: false}}, series: latSeries,
        axes: [axis(p, 'achieved throughput (req/s)', {}), axis(p, 'latency (ms)', {size: 60})]}, latCols, 280)
    ];
  }

  var builders = {spectrum: spectrum, timeline: timeline, resources: resources, sweep: sweep};
  var specs = {};
  ['spectra', 'timelines', 'resources', 'sweeps'].forEach(function (k) {
    (data[k] || []).forEach(function (s) { specs[s.id] = s; });
  });

  function build(entry) {
    entry.plots.forEach(function (u) { u.destroy(); });
    entry.el.textContent = '';
    try {
      entry.plots = builders[entry.kind](entry.el, specs[entry.el.id]);
    } catch (e) {
      entry.plots = [];
      note(entry.el, 'This chart could not be drawn: ' + e.message);
      console.error('fwbench report: chart ' + entry.el.id + ': ' + e.message);
    }
  }

  function buildAll(kinds) {
    charts.forEach(function (c) { if (!kinds || kinds.indexOf(c.kind) >= 0) { build(c); } });
    document.body.setAttribute('data-charts-drawn', String(charts.length));
  }

  document.querySelectorAll('.chart').forEach(function (el) {
    charts.push({el: el, kind: el.getAttribute('data-kind'), plots: []});
  });
  var runSelect = document.querySelector('select[name=run]');
  state.run = runSelect ? runSelect.value : null;
  if (!state.run) {
    var firstRun = (data.timelines[0] || {runs: []}).runs[0] || (data.resources[0] || {runs: []}).runs[0];
    state.run = firstRun ? firstRun.run : null;
  }
  document.querySelectorAll('input[name=timing]').forEach(function (r) {
    r.addEventListener('change', function () { state.timing = r.value; buildAll(['spectrum']); });
  });
  var floorBox = document.querySelector('input[name=floor]');
  if (floorBox) {
    floorBox.addEventListener('change', function () { state.floor = floorBox.checked; buildAll(['spectrum']); });
  }
  if (runSelect) {
    runSelect.addEventListener('change', function () { state.run = runSelect.value; buildAll(['timeline', 'resources']); });
  }
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', function () { buildAll(); });
  window.addEventListener('beforeprint', function () {
    state.printing = true;
    document.querySelectorAll('details').forEach(function (d) { d.open = true; });
    buildAll();
  });
  window.addEventListener('afterprint', function () { state.printing = false; buildAll(); });
  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      charts.forEach(function (c) {
        c.plots.forEach(function (u) { u.setSize({width: width(c.el), height: u.height}); });
      });
    }, 150);
  });
  buildAll();
}());
