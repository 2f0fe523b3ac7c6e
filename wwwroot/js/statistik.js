// Progressive enhancement of /statistik (Portal/Statistics): draws a chart before every table that
// asks for one. The table stays the accessible, exact version (and the whole page without
// JavaScript); the chart only repeats it. Markup contract, shared with the page:
//   <table data-chart="bar|line">
//     <thead> first <th scope="col"> = label column; <th scope="col" data-series> = a plotted column
//     <tbody> rows start with <th scope="row">; series cells are <td data-value="123">,
//             a suppressed one <td data-value="">&lt; 5</td> or "x" (a gap, never a zero)
//     <tfoot> ignored
// The CSP allows no inline style or script: everything here is CSSOM and classes from site.css.
(function () {
  'use strict';

  if (typeof window.Chart !== 'function') {
    return;
  }

  // Okabe–Ito colours that keep at least 3:1 against white (WCAG 1.4.11), with black last; line
  // charts also vary the point shape and dash so that series never rely on colour alone.
  var Palette = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#8F5B00', '#000000'];
  var PointStyles = ['circle', 'rect', 'triangle', 'rectRot', 'crossRot', 'star'];
  var Dashes = [[], [6, 3], [2, 2], [8, 3, 2, 3], [4, 4], [1, 3]];
  var numbers = new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 });

  function text(node) {
    return node ? node.textContent.replace(/\s+/g, ' ').trim() : '';
  }

  function labelledBy(element) {
    return (element.getAttribute('aria-labelledby') || '').split(/\s+/).map(function (id) {
      return text(id && document.getElementById(id));
    }).join(' ').trim();
  }

  // The name a person knows the table by: its caption or label, else the heading above it.
  function tableName(table) {
    var name = text(table.caption) || labelledBy(table) || table.getAttribute('aria-label') || '';
    var node = table;
    while (!name && node && node !== document.body) {
      var previous = node.previousElementSibling;
      while (previous && !/^H[1-6]$/.test(previous.tagName)) {
        previous = previous.previousElementSibling;
      }
      name = text(previous);
      node = node.parentElement;
    }
    return name || 'tabel di bawahnya';
  }

  function headerRow(table) {
    var rows = table.tHead ? table.tHead.rows : [];
    for (var i = rows.length - 1; i >= 0; i--) {
      if (rows[i].querySelector('th[data-series]')) {
        return rows[i];
      }
    }
    return null;
  }

  // Reads the table into labels and series; a cell's own text is kept for the tooltip, so it says
  // exactly what the table says ("45,6%", "< 5").
  function readTable(table) {
    var header = headerRow(table);
    if (!header) {
      return null;
    }

    var series = [];
    Array.prototype.forEach.call(header.cells, function (cell, column) {
      if (column > 0 && cell.hasAttribute('data-series')) {
        series.push({ name: text(cell), column: column, values: [], texts: [], suppressed: [] });
      }
    });

    var labels = [];
    var suppressedTexts = [];
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        if (!row.cells.length) {
          return;
        }
        labels.push(text(row.cells[0]));
        series.forEach(function (s) {
          var cell = row.cells[s.column];
          var raw = cell ? cell.getAttribute('data-value') : null;
          var value = raw === null || raw.trim() === '' ? null : Number(raw);
          var suppressed = cell !== undefined && raw !== null && raw.trim() === '';
          if (suppressed && suppressedTexts.indexOf(text(cell)) < 0) {
            suppressedTexts.push(text(cell));
          }
          s.values.push(value === null || isNaN(value) ? null : value);
          s.texts.push(text(cell));
          s.suppressed.push(suppressed);
        });
      });
    });

    return series.length && labels.length ? { labels: labels, series: series, suppressedTexts: suppressedTexts } : null;
  }

  // Long labels or many rows read better as horizontal bars: the labels stay level, wrapped into
  // lines, and the frame grows with the rows instead of squeezing them.
  function isHorizontal(kind, data) {
    return kind === 'bar' && (data.labels.length > 8 || data.labels.some(function (label) { return label.length > 16; }));
  }

  function wrap(label, width) {
    var lines = [''];
    label.split(' ').forEach(function (word) {
      var last = lines.length - 1;
      if (lines[last] && (lines[last] + ' ' + word).length > width) {
        lines.push(word);
      } else {
        lines[last] = lines[last] ? lines[last] + ' ' + word : word;
      }
    });
    return lines;
  }

  // Set through the CSSOM when the frame is made, before it is in the page: the height is known
  // from the table, so drawing never moves the page.
  function horizontalHeight(data) {
    var rows = data.labels.reduce(function (sum, label) {
      return sum + Math.max(wrap(label, data.wrapAt).length * 18, data.series.length * 11) + 12;
    }, 0);
    return rows + 90;
  }

  function chartConfig(kind, data) {
    var line = kind === 'line';
    var across = isHorizontal(kind, data);
    var wholeNumbers = data.series.every(function (s) {
      return s.values.every(function (v) { return v === null || Math.floor(v) === v; });
    });

    var categories = { grid: { display: false } };
    var values = {
      beginAtZero: true,
      ticks: {
        precision: wholeNumbers ? 0 : undefined,
        callback: function (value) { return numbers.format(value); }
      },
      grid: { color: '#dee2e6' }
    };

    return {
      type: line ? 'line' : 'bar',
      data: {
        labels: across ? data.labels.map(function (label) { return wrap(label, data.wrapAt); }) : data.labels,
        datasets: data.series.map(function (s, i) {
          var colour = Palette[i % Palette.length];
          return {
            label: s.name,
            data: s.values,
            backgroundColor: colour,
            borderColor: colour,
            borderWidth: line ? 2 : 0,
            borderDash: line ? Dashes[i % Dashes.length] : [],
            pointStyle: PointStyles[i % PointStyles.length],
            pointRadius: line ? 4 : 0,
            spanGaps: false
          };
        })
      },
      options: {
        locale: 'id-ID',
        responsive: true,
        // The frame has its size before the chart is drawn (site.css, or the rows' height), so
        // drawing never moves the page.
        maintainAspectRatio: false,
        animation: window.matchMedia('(prefers-reduced-motion: reduce)').matches ? false : { duration: 300 },
        indexAxis: across ? 'y' : 'x',
        interaction: { mode: 'index', axis: across ? 'y' : 'x', intersect: false },
        scales: across ? { x: values, y: categories } : { x: categories, y: values },
        plugins: {
          legend: {
            display: data.series.length > 1,
            position: 'bottom',
            labels: { usePointStyle: line }
          },
          tooltip: {
            callbacks: {
              label: function (item) {
                return item.dataset.label + ': ' + data.series[item.datasetIndex].texts[item.dataIndex];
              },
              // A suppressed value has no bar or point to hover, so its note rides on the others.
              footer: function (items) {
                if (!items.length) {
                  return '';
                }
                var index = items[0].dataIndex;
                return data.series.filter(function (s) { return s.suppressed[index]; }).map(function (s) {
                  return s.name + ': ' + s.texts[index] + ' (tidak digambar)';
                });
              }
            }
          }
        }
      }
    };
  }

  function draw(table) {
    var kind = table.getAttribute('data-chart');
    var data = (kind === 'bar' || kind === 'line') ? readTable(table) : null;
    if (!data) {
      return;
    }

    // Before a scrolling wrapper, not inside it: the chart must not scroll sideways with the table.
    var anchor = table.closest('.table-responsive') || table;
    // Labels beside horizontal bars get about a third of the width (14 px text: ~7 px a character).
    data.wrapAt = Math.max(12, Math.min(28, Math.round(anchor.parentNode.clientWidth / 22)));

    var chart = document.createElement('div');
    chart.className = 'stat-chart';

    var frame = document.createElement('div');
    frame.className = 'stat-chart-frame';
    if (isHorizontal(kind, data)) {
      frame.className += ' stat-chart-frame-rows';
      frame.style.height = horizontalHeight(data) + 'px';
    }
    var canvas = document.createElement('canvas');
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', 'Grafik: ' + tableName(table) + '. Angkanya ada di tabel di bawah grafik.');
    frame.appendChild(canvas);
    chart.appendChild(frame);

    // The table says what each mark means ("< 5" small, "x" hidden to protect a small one).
    if (data.suppressedTexts.length) {
      var note = document.createElement('p');
      note.className = 'stat-chart-note';
      note.textContent = data.suppressedTexts.map(function (mark) { return '"' + mark + '"'; }).join(' dan ') +
        ' tidak digambar: angka yang disembunyikan untuk melindungi data pribadi.';
      chart.appendChild(note);
    }

    anchor.parentNode.insertBefore(chart, anchor);
    table.setAttribute('data-chart-drawn', '');
    return new window.Chart(canvas, chartConfig(kind, data));
  }

  // Canvas text follows the page's font and colour, a little larger than Chart.js's 12 px.
  var body = window.getComputedStyle(document.body);
  window.Chart.defaults.color = body.color;
  window.Chart.defaults.font.family = body.fontFamily;
  window.Chart.defaults.font.size = 14;
  Array.prototype.forEach.call(document.querySelectorAll('table[data-chart]:not([data-chart-drawn])'), draw);
})();
