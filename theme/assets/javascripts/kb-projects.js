/* kb projects register (/projects/): sort by any column and filter every project in the
   browser. The page works without it (paginated table); the whole register
   (data/projects.json) is fetched only when the reader first sorts or filters. */
(function () {
  "use strict";
  var SHOWN = 50;
  var NUMERIC = { priority: true, budget: true };
  var table, tbody, pager, status, input, rows = null, loading = null;
  var sortKey = null, ascending = true, limit = SHOWN;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function load() {
    if (!loading) {
      status.textContent = "กำลังโหลดโครงการทั้งหมด…";
      loading = fetch(table.getAttribute("data-src")).then(function (r) {
        if (!r.ok) throw new Error(r.status);
        return r.json();
      }).then(function (data) {
        rows = data.map(function (p) {
          p.years = (p.fiscal_years || []).join(", ");
          p.text = [p.title, p.plan_title, p.owner, p.strategy, p.agency, p.years]
            .join(" ").toLowerCase();
          return p;
        });
      }).catch(function () {
        status.textContent = "โหลดข้อมูลไม่ได้: ใช้ตารางแบบแบ่งหน้าด้านล่าง";
        loading = null;
        throw new Error("not loaded");
      });
    }
    return loading;
  }

  function value(p, key) {
    if (key === "fiscal_years") return (p.fiscal_years || [0])[0];
    return p[key];
  }

  function compare(a, b) {
    var x = value(a, sortKey), y = value(b, sortKey);
    var none = (x === null || x === undefined || x === ""), none2 = (y === null || y === undefined || y === "");
    if (none || none2) return none && none2 ? 0 : none ? 1 : -1;  // empty cells last
    var order = NUMERIC[sortKey] || sortKey === "fiscal_years" ? x - y
      : String(x).localeCompare(String(y), "th");
    return ascending ? order : -order;
  }

  function cell(tr, text, url, numeric) {
    var td = el("td", numeric ? { "class": "kb-num" } : {});
    if (url) td.appendChild(el("a", { href: url }, text)); else td.textContent = text || "";
    tr.appendChild(td);
  }

  function baht(n) {
    return n === null || n === undefined ? "" : Number(n).toLocaleString("en-US") + " บาท";
  }

  function render() {
    var base = table.getAttribute("data-base").replace(/\/$/, "");
    var words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    var found = rows.filter(function (p) {
      return words.every(function (w) { return p.text.indexOf(w) >= 0; });
    });
    if (sortKey) found.sort(compare);
    tbody.textContent = "";
    found.slice(0, limit).forEach(function (p) {
      var tr = el("tr");
      cell(tr, p.priority === null ? "" : p.priority, null, true);
      cell(tr, p.title, base + p.url);
      cell(tr, p.plan_title, base + "/plans/" + p.plan + "/");
      cell(tr, p.owner);
      cell(tr, p.strategy);
      cell(tr, p.agency, p.agency_id ? base + "/agencies/" + p.agency_id + "/" : null);
      cell(tr, p.years);
      cell(tr, baht(p.budget), null, true);
      tbody.appendChild(tr);
    });
    if (pager) pager.style.display = "none";
    status.textContent = "พบ " + found.length.toLocaleString("en-US") + " โครงการ" +
      (found.length > limit ? " แสดง " + limit.toLocaleString("en-US") : "");
    more.hidden = found.length <= limit;
  }

  function sortBy(th) {
    var key = th.getAttribute("data-key");
    ascending = sortKey === key ? !ascending : true;
    sortKey = key;
    table.querySelectorAll("thead th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    load().then(render, function () {});
  }

  var more;
  function setUp() {
    table = document.getElementById("kb-projects");
    if (!table) return;
    tbody = table.querySelector("tbody");
    pager = document.querySelector(".kb-pager");
    var tools = el("div", { "class": "kb-projects-tools" });
    var label = el("label", {}, "กรองโครงการ ");
    input = el("input", { type: "search", id: "kb-projects-filter",
      placeholder: "ชื่อโครงการ แผน หน่วยงาน หรือปี" });
    label.appendChild(input);
    status = el("span", { role: "status", id: "kb-projects-status" });
    tools.appendChild(label);
    tools.appendChild(status);
    table.parentNode.parentNode.insertBefore(tools, table.parentNode);
    more = el("button", { type: "button", id: "kb-projects-more" }, "แสดงเพิ่ม");
    more.hidden = true;
    more.addEventListener("click", function () { limit += SHOWN; render(); });
    table.parentNode.parentNode.insertBefore(more, table.parentNode.nextSibling);
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { limit = SHOWN; load().then(render, function () {}); }, 150);
    });
    table.querySelectorAll("thead th[data-key]").forEach(function (th) {
      var button = el("button", { type: "button", "class": "kb-sort" }, th.textContent);
      th.textContent = "";
      th.appendChild(button);
      button.addEventListener("click", function () { sortBy(th); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
