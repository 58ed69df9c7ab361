/*!
 * AllianceHub — the chain map (Apache ECharts, served locally).
 * SPDX-License-Identifier: Apache-2.0
 *
 * Draws the links of a chain in three columns (upstream, midstream, downstream), children
 * indented under their parents, supply edges as arrows. Each link is a box labelled with its
 * name and count, coloured by status and told apart without colour too: a solid border and a
 * dot for strong, a dashed border and a triangle for weak, a dotted border and a cross for
 * missing. Clicking a box loads its organisations below the chart (htmx), or follows the
 * link without htmx. The data comes from the page's JSON island (``json_script``).
 */
(function () {
  "use strict";

  var holder = document.getElementById("ah-chain-map");
  if (!holder || !window.echarts) return;
  var source = document.getElementById(holder.getAttribute("data-chart"));
  if (!source) return;
  var data = JSON.parse(source.textContent);
  var nodes = data.nodes;
  var byCode = {};
  nodes.forEach(function (node, index) { node.index = index; byCode[node.code] = node; });

  var ROW = 34;          // pixels per row
  var BOX = 26;          // box height
  var GROUP_GAP = 12;    // extra space above a top-level link that has children
  var HEAD = 34;         // stage titles
  var INDENT = 16;       // per level of nesting
  var GUTTER = 56;       // room between columns for the arrows
  var STYLE = {
    strong: { fill: "#d1e7dd", stroke: "#198754", text: "#0f5132", dash: null },
    weak: { fill: "#fff3cd", stroke: "#b58105", text: "#664d03", dash: [6, 3] },
    missing: { fill: "#f8d7da", stroke: "#dc3545", text: "#842029", dash: [2, 3] },
  };

  // Rows: per stage, each top-level link followed by its descendants in the same stage.
  var columns = data.stages.map(function (stage) { return stage[0]; });
  var rowsUsed = columns.map(function () { return 0; });
  var offsets = columns.map(function () { return 0; });
  function children(node) {
    return nodes.filter(function (other) {
      return other.parent === node.code && other.stage === node.stage;
    });
  }
  function place(node, depth) {
    var column = columns.indexOf(node.stage);
    var kids = children(node);
    if (depth === 0 && kids.length && rowsUsed[column] > 0) offsets[column] += GROUP_GAP;
    node.column = column;
    node.depth = depth;
    node.top = HEAD + rowsUsed[column] * ROW + offsets[column];
    rowsUsed[column] += 1;
    kids.forEach(function (kid) { place(kid, depth + 1); });
  }
  nodes.forEach(function (node) {
    var parent = node.parent && byCode[node.parent];
    if (!parent || parent.stage !== node.stage) place(node, 0);
  });
  var height = Math.max.apply(null, columns.map(function (_, c) {
    return HEAD + rowsUsed[c] * ROW + offsets[c];
  })) + 16;
  holder.style.height = height + "px";

  var chart = echarts.init(holder, null, { renderer: "svg" });
  var focused = null;
  var selected = null;

  function geometry(width) {
    var columnWidth = (width - 16) / columns.length;
    nodes.forEach(function (node) {
      node.x = 8 + node.column * columnWidth + node.depth * INDENT;
      node.width = columnWidth - GUTTER - node.depth * INDENT;
    });
    return columnWidth;
  }

  function edgePath(edge) {
    var from = byCode[edge[0]], to = byCode[edge[1]];
    var y1 = from.top + BOX / 2, y2 = to.top + BOX / 2;
    var x1, x2, c1, c2;
    if (from.column === to.column) {  // a loop through the gutter on the right
      x1 = from.x + from.width; x2 = to.x + to.width;
      c1 = c2 = Math.max(x1, x2) + GUTTER * 0.7;
    } else if (from.column < to.column) {
      x1 = from.x + from.width; x2 = to.x - 2;
      c1 = x1 + (x2 - x1) / 2; c2 = x2 - (x2 - x1) / 2;
    } else {
      x1 = from.x; x2 = to.x + to.width + 2;
      c1 = x1 - (x1 - x2) / 2; c2 = x2 + (x1 - x2) / 2;
    }
    return { x1: x1, y1: y1, x2: x2, y2: y2, c1: c1, c2: c2 };
  }

  function renderEdge(params, api) {
    var edge = data.edges[params.dataIndex];
    var p = edgePath(edge);
    var lit = focused && (edge[0] === focused || edge[1] === focused);
    var colour = lit ? "#1b4f8f" : "rgba(73, 80, 87, 0.45)";
    // The curve ends level, so the arrowhead points right or (into a box from the gutter) left.
    var angle = p.x2 >= p.c2 ? 0 : Math.PI;
    var size = lit ? 8 : 6;
    var head = [
      [p.x2, p.y2],
      [p.x2 - size * Math.cos(angle - 0.45), p.y2 - size * Math.sin(angle - 0.45)],
      [p.x2 - size * Math.cos(angle + 0.45), p.y2 - size * Math.sin(angle + 0.45)],
    ];
    return {
      type: "group",
      children: [
        {
          type: "bezierCurve",
          shape: { x1: p.x1, y1: p.y1, x2: p.x2, y2: p.y2, cpx1: p.c1, cpy1: p.y1, cpx2: p.c2, cpy2: p.y2 },
          style: { stroke: colour, lineWidth: lit ? 2 : 1.2, fill: null },
          z2: lit ? 2 : 1,
        },
        { type: "polygon", shape: { points: head }, style: { fill: colour }, z2: lit ? 2 : 1 },
      ],
    };
  }

  function marker(status, x, y, colour) {
    if (status === "strong") {
      return { type: "circle", shape: { cx: x, cy: y, r: 4.5 }, style: { fill: colour } };
    }
    if (status === "weak") {
      return { type: "polygon", shape: { points: [[x, y - 5], [x + 5.5, y + 4.5], [x - 5.5, y + 4.5]] }, style: { fill: colour } };
    }
    return {
      type: "group",
      children: [
        { type: "line", shape: { x1: x - 4, y1: y - 4, x2: x + 4, y2: y + 4 }, style: { stroke: colour, lineWidth: 2 } },
        { type: "line", shape: { x1: x - 4, y1: y + 4, x2: x + 4, y2: y - 4 }, style: { stroke: colour, lineWidth: 2 } },
      ],
    };
  }

  function renderNode(params, api) {
    var node = nodes[params.dataIndex];
    var look = STYLE[node.status] || STYLE.missing;
    var mid = node.top + BOX / 2;
    var chosen = selected === node.code || focused === node.code;
    var parts = [
      {
        type: "rect",
        shape: { x: node.x, y: node.top, width: node.width, height: BOX, r: 4 },
        style: {
          fill: look.fill, stroke: look.stroke, lineWidth: chosen ? 3 : 1.5,
          lineDash: look.dash,
        },
      },
      marker(node.status, node.x + 11, mid, look.stroke),
      {
        type: "text",
        style: {
          x: node.x + 22, y: mid, text: node.name, fill: "#212529",
          fontSize: 13, fontWeight: node.depth === 0 ? "bold" : "normal",
          verticalAlign: "middle", width: node.width - 66, overflow: "truncate", ellipsis: "…",
        },
      },
      {
        type: "text",
        style: {
          x: node.x + node.width - 8, y: mid, text: String(node.count), fill: look.text,
          fontSize: 13, fontWeight: "bold", align: "right", verticalAlign: "middle",
        },
      },
    ];
    if (node.risk) {
      parts.push(
        { type: "circle", shape: { cx: node.x + node.width, cy: node.top, r: 7 }, style: { fill: "#212529" } },
        { type: "text", style: { x: node.x + node.width, y: node.top, text: "!", fill: "#fff", fontSize: 11, fontWeight: "bold", align: "center", verticalAlign: "middle" } }
      );
    }
    return { type: "group", children: parts, cursor: "pointer" };
  }

  function tooltip(params) {
    if (params.seriesIndex !== 1) return "";
    var node = nodes[params.dataIndex];
    var escape = echarts.format.encodeHTML;
    var lines = [
      "<strong>" + escape(node.name) + "</strong>",
      escape(data.statuses[node.status] || node.status),
      escape(data.labels.count) + ": " + node.count,
      escape(data.labels.expected) + ": " + node.expected,
    ];
    if (node.share !== null) lines.push(escape(data.labels.share) + ": " + Math.round(node.share * 100) + "%");
    if (node.risk) lines.push("<strong>" + escape(data.labels.risk) + "</strong>");
    lines.push('<span style="color:#6c757d">' + escape(data.labels.click) + "</span>");
    return lines.join("<br>");
  }

  function draw(fresh) {
    var columnWidth = geometry(holder.clientWidth);
    chart.setOption({
      animation: false,
      tooltip: { trigger: "item", confine: true, formatter: tooltip },
      graphic: data.stages.map(function (stage, c) {
        return {
          type: "text", left: 8 + c * columnWidth, top: 6,
          style: { text: stage[1], fontSize: 14, fontWeight: "bold", fill: "#1b4f8f" },
        };
      }),
      series: [
        { type: "custom", coordinateSystem: "none", silent: true, renderItem: renderEdge,
          data: data.edges.map(function (_, i) { return [i]; }), z: 1 },
        { type: "custom", coordinateSystem: "none", renderItem: renderNode,
          data: nodes.map(function (node, i) { return { value: [i], name: node.name }; }), z: 2 },
      ],
    }, { notMerge: Boolean(fresh) });
  }

  function show(node) {
    selected = node.code;
    draw();
    var target = document.querySelector(holder.getAttribute("data-target"));
    if (window.htmx && target) {
      window.htmx.ajax("GET", node.url, { target: target, swap: "innerHTML" }).then(function () {
        target.scrollIntoView({ block: "nearest", behavior: "smooth" });
      });
    } else {
      window.location.href = node.url;
    }
  }

  chart.on("click", { seriesIndex: 1 }, function (params) { show(nodes[params.dataIndex]); });
  chart.on("mouseover", { seriesIndex: 1 }, function (params) {
    focused = nodes[params.dataIndex].code; draw();
  });
  chart.on("mouseout", { seriesIndex: 1 }, function () { focused = null; draw(); });
  window.addEventListener("resize", function () { chart.resize(); draw(true); });
  draw(true);

  // For tests and for other scripts: where a link's box is, and a way to open it.
  holder.ahChainMap = {
    chart: chart,
    centre: function (code) {
      var node = byCode[code];
      return node ? [node.x + node.width / 2, node.top + BOX / 2] : null;
    },
    show: function (code) { if (byCode[code]) show(byCode[code]); },
  };
})();
