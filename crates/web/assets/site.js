// Signpost progressive enhancement: every page works without this file. With it, the shortlist
// remembers ticks across searches (in this browser only), and print and copy buttons appear.
(function () {
  "use strict";
  var KEY = "signpost-shortlist";

  function load() {
    try {
      var ids = JSON.parse(window.localStorage.getItem(KEY) || "[]");
      return Array.isArray(ids) ? ids.filter(function (id) { return typeof id === "string"; }) : [];
    } catch (e) {
      return [];
    }
  }

  function save(ids) {
    try { window.localStorage.setItem(KEY, JSON.stringify(ids)); } catch (e) { /* storage may be off */ }
  }

  function shortlistUrl(ids) {
    return "/shortlist?ids=" + ids.map(encodeURIComponent).join(",");
  }

  function showCount(ids) {
    document.querySelectorAll("[data-shortlist-count]").forEach(function (el) {
      el.textContent = String(ids.length);
    });
    document.querySelectorAll("[data-shortlist-summary]").forEach(function (el) { el.hidden = false; });
  }

  function enhanceResults(form) {
    var ids = load();
    form.querySelectorAll("input[name=ids]").forEach(function (box) {
      box.checked = ids.indexOf(box.value) !== -1;
      box.addEventListener("change", function () {
        var current = load().filter(function (id) { return id !== box.value; });
        if (box.checked) { current.push(box.value); }
        save(current);
        showCount(current);
      });
    });
    showCount(ids);
    form.addEventListener("submit", function (event) {
      var current = load();
      if (current.length > 0) {
        event.preventDefault();
        // The search the list was made from, so the shortlist can say why each service fits.
        var search = form.querySelector("input[name=q]");
        var from = search && search.value ? "&q=" + encodeURIComponent(search.value) : "";
        window.location.assign(shortlistUrl(current) + from);
      }
    });
  }

  function enhanceShortlist() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      var input = document.getElementById(button.getAttribute("data-copy"));
      var status = document.getElementById("copy-status");
      button.hidden = false;
      button.addEventListener("click", function () {
        var done = function () { if (status) { status.textContent = status.getAttribute("data-copied") || ""; } };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(input.value).then(done, function () { input.select(); });
        } else {
          input.select();
          done();
        }
      });
    });
    document.querySelectorAll("[data-remove-id]").forEach(function (link) {
      link.addEventListener("click", function () {
        var id = link.getAttribute("data-remove-id");
        save(load().filter(function (other) { return other !== id; }));
      });
    });
    document.querySelectorAll("[data-clear-shortlist]").forEach(function (link) {
      link.addEventListener("click", function () { save([]); });
    });
  }

  // The "Shortlist" link in the header carries no ids: show the services ticked in this browser.
  function openRememberedShortlist() {
    var remembered = load();
    var bare = window.location.pathname === "/shortlist" && window.location.search.indexOf("ids=") === -1;
    if (bare && remembered.length > 0) { window.location.replace(shortlistUrl(remembered)); }
  }

  openRememberedShortlist();
  var form = document.querySelector("[data-shortlist-form]");
  if (form) { enhanceResults(form); }
  enhanceShortlist();
})();
