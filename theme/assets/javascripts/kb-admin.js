/* kb-admin.js: kb's own help in the web forms at /admin/ (generator/editors/admin.py loads it
   after Decap CMS; no inline script, so the page's Content-Security-Policy stays tight).

   kb's messages beside the fields: while a record is open, the problems kb found in its file
   (`kb edit` / `kb serve --watch` answer /__kb/problems?path=content/<type>/<id>.yml) are
   shown under the field they name, in Thai and English as kb prints them. A site built
   without the preview answers nothing there, and the form stays as Decap draws it.

   A reference that may point to several types (`owner`, `related`: the `kb-ref` widget of
   generator/editors/config.py): a choice of type, then Decap's own relation pick list of
   that type's titles, which writes `<type>/<id>` as kb validates it. */
(function () {
  "use strict";

  /* The `kb-ref` widget: Decap's relation control for the chosen type. */
  function registerRefs() {
    var CMS = window.CMS, h = window.h;
    var relation = CMS && CMS.getWidget && CMS.getWidget("relation");
    if (!relation || !window.createClass || !h) return;
    function typeOf(value, types) {
      var prefix = String(value || "").split("/")[0];
      var known = types.filter(function (t) { return t.value === prefix; });
      return (known[0] || types[0]).value;
    }
    var RefControl = window.createClass({
      types: function () { return this.props.field.get("ref_types").toJS(); },
      getInitialState: function () {
        return { type: typeOf(this.props.value, this.types()) };
      },
      choose: function (event) {
        this.setState({ type: event.target.value });
        this.props.onChange("");
      },
      render: function () {
        var props = this.props, type = this.state.type;
        var field = props.field.set("widget", "relation").set("collection", type)
          .set("value_field", type + "/" + props.field.get("value_field")).set("multiple", false);
        var select = h("select", {
          id: props.forID + "-type", className: "kb-ref-type", value: type,
          "aria-label": "ประเภทของเรื่องที่อ้างถึง", onChange: this.choose,
        }, this.types().map(function (t) {
          return h("option", { key: t.value, value: t.value }, t.label);
        }));
        var pick = h(relation.control, Object.assign({}, props, { key: type, field: field }));
        return h("div", { className: "kb-ref" }, select, pick);
      },
    });
    CMS.registerWidget("kb-ref", RefControl, relation.preview);
  }
  registerRefs();

  var POLL_MS = 1500;
  var current = { path: null, problems: [] };
  var scheduled = false;

  /* content/<type>/<id>.yml of the record open in the form (null: no record open). */
  function recordPath() {
    var m = location.hash.match(/^#\/collections\/([^/]+)\/entries\/(.+)$/);
    if (!m) return null;
    return "content/" + m[1] + "/" + decodeURIComponent(m[2]) + ".yml";
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
      while (label && label.classList.contains("kb-problem")) label = label.previousElementSibling;
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
