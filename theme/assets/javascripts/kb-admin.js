/* kb-admin.js: kb's own help in the web forms at /admin/ (generator/editors/admin.py loads it
   after Decap CMS; no inline script, so the page's Content-Security-Policy stays tight).

   kb's messages beside the fields: while a record is open, the problems kb found in its file
   (`kb edit` / `kb serve --watch` answer /__kb/problems?path=content/<type>/<id>.yml) are
   shown under the field they name, in Thai and English as kb prints them. A site built
   without the preview answers nothing there, and the form stays as Decap draws it. */
(function () {
  "use strict";
  var POLL_MS = 1500;
  var current = { path: null, problems: [] };
  var scheduled = false;

  /* content/<type>/<id>.yml of the record open in the form (null: no record open). */
  function recordPath() {
    var m = location.hash.match(/^#\/collections\/([^/]+)\/entries\/(.+)$/);
    if (!m) return null;
    return "content/" + m[1] + "/" + decodeURIComponent(m[2]).replace(/\/index$/, "") + ".yml";
  }

  /* The top-level field a problem names: `related[2]` → related, `a[1].b` → a. */
  function topField(field) {
    return String(field).split(/[.[]/)[0];
  }

  function box(problem) {
    var node = document.createElement("div");
    node.className = "kb-problem kb-problem-" + problem.severity;
    node.setAttribute("role", "alert");
    node.setAttribute("data-kb-field", problem.field);
    [problem.th, problem.en].forEach(function (text) {
      var line = document.createElement("p");
      line.textContent = text;
      node.appendChild(line);
    });
    return node;
  }

  function sameBoxes(nodes, problems) {
    if (nodes.length !== problems.length) return false;
    return nodes.every(function (node, i) {
      return node.getAttribute("data-kb-field") === problems[i].field &&
        node.textContent === problems[i].th + problems[i].en;
    });
  }

  /* Put each field's messages right after its label (only where they changed). */
  function show() {
    scheduled = false;
    var byField = {};
    current.problems.forEach(function (p) {
      (byField[topField(p.field)] = byField[topField(p.field)] || []).push(p);
    });
    document.querySelectorAll(".kb-problem").forEach(function (node) {
      var label = node.previousElementSibling;
      var name = label && label.htmlFor ? label.htmlFor.replace(/-field-.*$/, "") : null;
      if (!name || !byField[name]) node.remove();
    });
    Object.keys(byField).forEach(function (name) {
      var label = document.querySelector("label[for^='" + CSS.escape(name) + "-field-']");
      if (!label) return;
      var nodes = [];
      for (var n = label.nextElementSibling; n && n.classList.contains("kb-problem");
           n = n.nextElementSibling) nodes.push(n);
      if (sameBoxes(nodes, byField[name])) return;
      nodes.forEach(function (node) { node.remove(); });
      var after = label;
      byField[name].forEach(function (p) {
        var node = box(p);
        after.insertAdjacentElement("afterend", node);
        after = node;
      });
    });
  }

  function schedule() {
    if (!scheduled) {
      scheduled = true;
      requestAnimationFrame(show);
    }
  }

  function poll() {
    var path = recordPath();
    var done = function () { setTimeout(poll, POLL_MS); };
    if (!path) {
      current = { path: null, problems: [] };
      schedule();
      return done();
    }
    fetch("/__kb/problems?path=" + encodeURIComponent(path), { cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : { problems: [] }; })
      .then(function (data) {
        current = { path: path, problems: recordPath() === path ? data.problems || [] : [] };
        schedule();
      })
      .catch(function () {}).then(done);
  }

  new MutationObserver(function () { if (current.problems.length) schedule(); })
    .observe(document.documentElement, { childList: true, subtree: true });
  window.addEventListener("hashchange", function () {
    current = { path: null, problems: [] };
    schedule();
  });
  poll();
})();
