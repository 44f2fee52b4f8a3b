/* kb search page: renders into #kb-search from /api/search, or from the small client-side
   index (search/client-index.json) when no API answers (a static host). No dependencies. */
(function () {
  "use strict";
  var FACETS = ["type", "year", "group", "province", "issuer", "tag", "ministry", "strategy",
    "budget"];
  var FACET_TH = { type: "ประเภท", year: "ปี พ.ศ.", group: "กลุ่มจังหวัด", province: "จังหวัด",
    issuer: "หน่วยงานที่ออก", tag: "คำสำคัญ", ministry: "กระทรวง", strategy: "ยุทธศาสตร์",
    budget: "วงเงินงบประมาณ" };
  var LIMIT = 10;
  var EXTRA = ["sort", "from", "to"];  /* order of hits and a range of years (พ.ศ.) */
  var SORT_TH = { relevance: "ตรงที่สุด", newest: "ใหม่สุด", oldest: "เก่าสุด" };
  var root, api, clientIndex = null;

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k]; else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function state() {
    var p = new URLSearchParams(location.search), s = { q: (p.get("q") || "").trim(), page: 1 };
    FACETS.concat(EXTRA).forEach(function (f) { if (p.get(f)) s[f] = p.get(f); });
    var page = parseInt(p.get("page") || "1", 10);
    s.page = page > 0 ? page : 1;
    return s;
  }

  function href(s) {
    var p = new URLSearchParams();
    if (s.q) p.set("q", s.q);
    FACETS.concat(EXTRA).forEach(function (f) { if (s[f]) p.set(f, s[f]); });
    if (s.page > 1) p.set("page", String(s.page));
    return "?" + p.toString();
  }

  function go(s) { history.pushState(null, "", href(s)); run(); }

  /* Snippets are escaped text with <mark>; keep only text and marks. */
  function snippet(html) {
    var box = document.createElement("template"), out = el("p", { class: "kb-search__snippet" });
    box.innerHTML = html;
    box.content.childNodes.forEach(function (n) {
      if (n.nodeName === "MARK") out.appendChild(el("mark", { text: n.textContent }));
      else out.appendChild(document.createTextNode(n.textContent));
    });
    return out;
  }

  function form(s) {
    var input = el("input", { id: "kb-search-q", type: "search", name: "q", maxlength: "200",
      autocomplete: "off", enterkeyhint: "search" });
    input.value = s.q;
    var sort = el("select", { id: "kb-search-sort", name: "sort" });
    Object.keys(SORT_TH).forEach(function (k) {
      var option = el("option", { value: k, text: SORT_TH[k] });
      if ((s.sort || "relevance") === k) option.selected = true;
      sort.appendChild(option);
    });
    var years = ["from", "to"].map(function (k) {
      var box = el("input", { id: "kb-search-" + k, name: k, inputmode: "numeric", size: "4",
        maxlength: "4", placeholder: k === "from" ? "2550" : "2569" });
      box.value = s[k] || "";
      return box;
    });
    var f = el("form", { class: "kb-search__form", role: "search", action: "" }, [
      el("label", { for: "kb-search-q", text: "คำค้น" }), input,
      el("button", { type: "submit", text: "ค้นหา" }),
      el("span", { class: "kb-search__options" }, [
        el("label", { for: "kb-search-sort", text: "เรียงตาม" }), sort,
        el("label", { for: "kb-search-from", text: "ปี พ.ศ." }), years[0],
        el("label", { for: "kb-search-to", text: "ถึง" }), years[1]])]);
    f.addEventListener("submit", function (e) {
      e.preventDefault();
      var next = state(); next.q = input.value.trim(); next.page = 1;
      next.sort = sort.value === "relevance" ? "" : sort.value;
      next.from = years[0].value.trim(); next.to = years[1].value.trim();
      go(next);
    });
    return f;
  }

  function link(text, s, attrs) {
    var a = el("a", Object.assign({ href: href(s), text: text }, attrs || {}));
    a.addEventListener("click", function (e) { e.preventDefault(); go(s); });
    return a;
  }

  function facets(s, answer) {
    var box = el("aside", { class: "kb-search__facets", "aria-label": "ตัวกรองผลการค้นหา" });
    FACETS.forEach(function (f) {
      var counts = (answer.facets || {})[f] || {}, values = Object.keys(counts);
      if (!values.length && !s[f]) return;
      var names = (answer.labels || {})[f] || {}, list = el("ul");
      if (s[f]) {
        var off = Object.assign({}, s, { page: 1 }); delete off[f];
        list.appendChild(el("li", {}, [link("✕ " + (names[s[f]] || s[f]) + " (ยกเลิก)", off,
          { class: "kb-search__facet kb-search__facet--on", "aria-current": "true" })]));
      }
      values.forEach(function (v) {
        if (v === s[f]) return;
        var on = Object.assign({}, s, { page: 1 }); on[f] = v;
        list.appendChild(el("li", {}, [link((names[v] || v) + " (" + counts[v] + ")", on,
          { class: "kb-search__facet", "data-facet": f, "data-value": v })]));
      });
      box.appendChild(el("section", {}, [el("h2", { text: FACET_TH[f] }), list]));
    });
    return box;
  }

  function hits(answer, typeNames) {
    var first = (answer.page - 1) * answer.limit + 1;
    var list = el("ol", { class: "kb-search__hits", start: String(first) });
    answer.hits.forEach(function (h) {
      var meta = [typeNames[h.type] || h.type, h.date_th || h.date || ""].filter(Boolean);
      list.appendChild(el("li", { class: "kb-search__hit" }, [
        el("h3", {}, [el("a", { href: siteUrl(h.url), text: h.title })]),
        el("p", { class: "kb-search__meta", text: meta.join(" · ") }),
        h.attachment ? attachment(h.attachment) : null,
        h.snippet ? snippet(h.snippet) : null]));
    });
    return list;
  }

  function attachment(a) {
    var where = a.title + " หน้า " + a.page;
    return el("p", { class: "kb-search__attachment" }, [
      document.createTextNode("พบในเอกสารแนบ: "),
      el("a", { href: siteUrl(a.url) + "#page=" + a.page, text: where })]);
  }

  function siteUrl(url) {
    var base = new URL(".", document.baseURI).pathname.replace(/search\/$/, "");
    return base.replace(/\/$/, "") + url;
  }

  function pages(s, answer) {
    var last = Math.min(Math.ceil(answer.total / answer.limit), Math.floor(1000 / answer.limit));
    if (last <= 1) return null;
    var nav = el("nav", { class: "kb-search__pages", "aria-label": "หน้าผลการค้นหา" });
    if (s.page > 1) nav.appendChild(link("‹ ก่อนหน้า", Object.assign({}, s, { page: s.page - 1 })));
    for (var p = Math.max(1, s.page - 3); p <= Math.min(last, s.page + 3); p++) {
      if (p === s.page) nav.appendChild(el("span", { "aria-current": "page", text: String(p) }));
      else nav.appendChild(link(String(p), Object.assign({}, s, { page: p })));
    }
    if (s.page < last) nav.appendChild(link("ถัดไป ›", Object.assign({}, s, { page: s.page + 1 })));
    return nav;
  }

  function render(s, answer, notice) {
    var typeNames = ((answer.labels || {}).type) || {};
    var status = el("p", { class: "kb-search__status", role: "status", "aria-live": "polite" });
    if (answer.error) status.textContent = answer.error;
    else if (!answer.total) status.textContent = "ไม่พบผลลัพธ์" + (s.q ? " สำหรับ “" + s.q + "”" : "");
    else status.textContent = "พบ " + answer.total.toLocaleString("th-TH") + " รายการ" +
      (s.q ? " สำหรับ “" + s.q + "”" : "");
    root.replaceChildren(form(s), notice || document.createTextNode(""), status);
    if (answer.suggestion) {
      var other = Object.assign({}, s, { q: answer.suggestion, page: 1 });
      root.appendChild(el("p", { class: "kb-search__suggestion" }, [
        document.createTextNode("หมายถึง "),
        link(answer.suggestion, other, { class: "kb-search__suggested" }),
        document.createTextNode(" ใช่ไหม")]));
    }
    if (answer.error) return;
    var body = el("div", { class: "kb-search__body" }, [facets(s, answer),
      el("div", { class: "kb-search__results" }, [hits(answer, typeNames), pages(s, answer)])]);
    root.appendChild(body);
  }

  function run() {
    var s = state();
    document.querySelectorAll("input[name=q]").forEach(function (i) { if (!i.value) i.value = s.q; });
    if (!s.q && !FACETS.concat(["from", "to"]).some(function (f) { return s[f]; })) {
      root.replaceChildren(form(s), el("p", { class: "kb-search__status", role: "status",
        text: "พิมพ์คำค้น เช่น งบประมาณ, กลุ่มจังหวัด, ก.น.จ. หรือเลขที่คำสั่ง ๑/๒๕๕๒" }));
      return;
    }
    var p = new URLSearchParams(href(s).slice(1)); p.set("limit", String(LIMIT));
    root.setAttribute("aria-busy", "true");
    fetch(api + "?" + p.toString(), { headers: { Accept: "application/json" } })
      .then(function (r) {
        var type = r.headers.get("Content-Type") || "";
        if (type.indexOf("application/json") < 0 || r.status >= 500) throw new Error("no api");
        return r.json();
      })
      .then(function (answer) { render(s, answer); })
      .catch(function () { fallback(s); })
      .finally(function () { root.removeAttribute("aria-busy"); });
  }

  /* ---- the fallback: titles, numbers and summaries segmented at build time ---- */
  function fallback(s) {
    var notice = el("p", { class: "kb-search__notice", role: "note",
      text: "ไม่สามารถเชื่อมต่อบริการค้นหาได้ จึงค้นจากดัชนีย่อในเบราว์เซอร์ " +
        "(เฉพาะชื่อเรื่อง เลขที่ และสรุป)" });
    var load = clientIndex ? Promise.resolve(clientIndex) :
      fetch(new URL("client-index.json", location.href).toString()).then(function (r) {
        if (!r.ok) throw new Error("no client index");
        return r.json();
      }).then(function (data) { clientIndex = prepare(data); return clientIndex; });
    load.then(function (ix) { render(s, localSearch(ix, s), notice); })
      .catch(function () {
        render(s, { error: "ไม่สามารถค้นหาได้ในขณะนี้ (search is unavailable)" }, notice);
      });
  }

  function prepare(data) {
    var ix = { words: data.words, wordSet: new Map(), stop: new Set(data.stop), maxLen: 1,
      types: data.types, docs: data.docs };
    data.words.forEach(function (w, i) {
      ix.wordSet.set(w, i); if (w.length > ix.maxLen) ix.maxLen = w.length;
    });
    return ix;
  }

  function fold(text) {
    return text.normalize("NFC").replace(/[\u200b-\u200d\u2060\ufeff\u00ad]/g, "")
      .replace(/[๐-๙]/g, function (d) { return String(d.charCodeAt(0) - 0x0e50); })
      .replace(/([ก-ฮ])\./g, "$1").replace(/(\d),(?=\d)/g, "$1").toLowerCase();
  }

  /* Query words: Latin/digit runs as they are; Thai runs by longest match on the index's
     own words. A Thai run with letters no indexed word covers matches nothing. */
  function queryWords(ix, q) {
    var words = [], bad = false;
    (fold(q).match(/[a-z0-9]+|[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e45\u0e47-\u0e4e]+/g) || [])
      .forEach(function (run) {
        if (/^[a-z0-9]/.test(run)) { if (!ix.stop.has(run)) words.push(run); return; }
        for (var i = 0; i < run.length;) {
          var found = 0;
          for (var n = Math.min(ix.maxLen, run.length - i); n > 0; n--) {
            var w = run.substr(i, n);
            if (ix.wordSet.has(w) || ix.stop.has(w)) { found = n; break; }
          }
          if (!found) { bad = true; break; }
          var word = run.substr(i, found);
          if (!ix.stop.has(word)) words.push(word);
          i += found;
        }
      });
    return bad ? null : words;
  }

  /* A พ.ศ. year (ค.ศ. accepted, Thai digits too) from a from/to box; NaN if not one. */
  function beYear(text) {
    var y = parseInt(fold(text || ""), 10);
    return y < 2400 ? y + 543 : y;
  }

  function inRange(year, from, to) {
    var y = parseInt(year, 10);
    return !!year && !(from && y < beYear(from)) && !(to && y > beYear(to));
  }

  /* Thai stream (as generator/search/substring.py): Thai letters only, spaces, line breaks
     and dots between two Thai characters dropped, any other run one line break. */
  var THAI = "\u0e01-\u0e4f\u0e5a\u0e5b";
  function stream(text) {
    return fold(text).replace(new RegExp("([" + THAI + "])[\\s.]+(?=[" + THAI + "])", "g"), "$1")
      .replace(new RegExp("[^" + THAI + "]+", "g"), "\n");
  }

  /* The Thai pieces (2+ characters) of each space-separated part of a query. */
  function pieces(q) {
    var out = [];
    q.replace(/\s+ๆ/g, "ๆ").split(/\s+/).forEach(function (chunk) {
      stream(chunk).split("\n").forEach(function (p) { if (p.length >= 2) out.push(p); });
    });
    return out;
  }

  /* Every Thai piece inside the title or number, every other word among the title's words
     (a substring match, ranked after word matches). */
  function inTitle(d, parts, latin, ix) {
    if (!parts.length) return false;
    var text = stream(d[2] + " " + d[4]), title = d[5].split(" ");
    return parts.every(function (p) { return text.indexOf(p) >= 0; }) &&
      latin.every(function (w) {
        return ix.wordSet.has(w) && title.indexOf(ix.wordSet.get(w).toString(36)) >= 0;
      });
  }

  function localSearch(ix, s) {
    var words = s.q ? queryWords(ix, s.q) : [];
    var parts = s.q ? pieces(s.q) : [];
    var typeNames = {}, facetCounts = { type: {}, year: {} }, matches = [];
    ix.types.forEach(function (t) { typeNames[t[0]] = t[1]; });
    var latin = (words || []).filter(function (w) { return /^[a-z0-9]/.test(w); });
    if (words === null) words = ["\u0000"];
    var ids = words.map(function (w) { return ix.wordSet.has(w) ? ix.wordSet.get(w).toString(36) : "-"; });
    ix.docs.forEach(function (d) {
      var type = ix.types[d[0]][0], year = d[3] ? String(parseInt(d[3], 10) + 543) : "";
      if (s.type && s.type !== type) return;
      if (s.year && s.year !== year) return;
      if ((s.from || s.to) && !inRange(year, s.from, s.to)) return;
      if (s.group || s.province || s.issuer || s.tag || s.ministry || s.strategy || s.budget) {
        return;  /* the small index has no such facets: only the API filters by them */
      }
      var title = d[5].split(" "), rest = d[6].split(" "), score = 0;
      for (var i = 0; i < ids.length; i++) {
        if (title.indexOf(ids[i]) >= 0) score += 3;
        else if (rest.indexOf(ids[i]) >= 0) score += 1;
        else { score = inTitle(d, parts, latin, ix) ? 0.5 : -1; break; }
      }
      if (score < 0) return;
      matches.push({ d: d, type: type, year: year, score: score });
      facetCounts.type[type] = (facetCounts.type[type] || 0) + 1;
      if (year) facetCounts.year[year] = (facetCounts.year[year] || 0) + 1;
    });
    matches.sort(function (a, b) {
      var newer = b.d[3] > a.d[3] ? 1 : b.d[3] < a.d[3] ? -1 : 0;
      if (s.sort === "newest") return newer;
      if (s.sort === "oldest") return (!a.d[3]) - (!b.d[3]) || -newer;
      return b.score - a.score || (b.d[3] > a.d[3] ? 1 : -1);
    });
    var start = (s.page - 1) * LIMIT;
    return { query: s.q, total: matches.length, page: s.page, limit: LIMIT,
      facets: facetCounts, labels: { type: typeNames },
      hits: matches.slice(start, start + LIMIT).map(function (m) {
        return { id: m.d[1], type: m.type, title: m.d[2], url: "/" + m.type + "/" + m.d[1] + "/",
          date: m.d[3], snippet: "" };
      }) };
  }

  function start() {
    root = document.getElementById("kb-search");
    if (!root) return;
    api = root.getAttribute("data-api") || "/api/search";
    window.addEventListener("popstate", run);
    run();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
