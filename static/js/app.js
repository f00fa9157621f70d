/*
 * Anjian page behaviour. The Content-Security-Policy allows no inline script, so every behaviour is
 * wired here from classes and data-* attributes:
 *
 *   select.js-tom          searchable select (Tom Select); set up again after every htmx swap;
 *                          with data-autocomplete-url its options load from that JSON endpoint
 *   [data-confirm="…"]     a link, button or form that asks before it goes ahead
 *   form.js-filter-form    a list's filter form: submits itself (through htmx) when a filter changes
 *   #results a[href^="?"]  sort and page links of a list: load only the results through htmx
 *                          (never a link marked download or data-no-htmx, e.g. Export to Excel:
 *                          the workbook must arrive as a file, not land in the page)
 *
 * Strings shown by script come from data-i18n-* attributes on <body>, translated by the template.
 */
(function () {
  "use strict";

  var body = document.body;

  function text(name, fallback) {
    return (body && body.dataset[name]) || fallback;
  }

  // ---- Tom Select ------------------------------------------------------------------------------
  function selectsIn(root) {
    var found = [];
    if (!root || !root.querySelectorAll) {
      return found;
    }
    if (root.matches && root.matches("select.js-tom")) {
      found.push(root);
    }
    root.querySelectorAll("select.js-tom").forEach(function (el) {
      found.push(el);
    });
    return found;
  }

  // A select restored from a DOM snapshot carries Tom Select's classes and its old control beside
  // it, but no live instance: remove those so the select is not shown twice.
  function dropStaleCopy(el) {
    if (!el.classList.contains("tomselected")) {
      return;
    }
    var next = el.nextElementSibling;
    if (next && next.classList.contains("ts-wrapper")) {
      next.remove();
    }
    el.classList.remove("tomselected", "ts-hidden-accessible");
    el.removeAttribute("tabindex");
    el.removeAttribute("hidden");
  }

  function initTomSelect(root) {
    if (typeof window.TomSelect !== "function") {
      return;
    }
    selectsIn(root).forEach(function (el) {
      if (el.tomselect) {
        return;
      }
      dropStaleCopy(el);
      // The empty choice ("—", "全部") is never an option to pick: Enter must choose the first
      // real match. An optional single select gets a clear button instead.
      var empty = el.multiple
        ? null
        : Array.prototype.find.call(el.options, function (o) {
            return o.value === "";
          });
      var hasEmpty = Boolean(empty);
      var plugins = el.multiple ? ["remove_button"] : [];
      if (hasEmpty && !el.required) {
        plugins.push("clear_button");
      }
      var options = {
        create: false,
        allowEmptyOption: false,
        maxOptions: 500,
        plugins: plugins,
        render: {
          no_results: function () {
            var div = document.createElement("div");
            div.className = "no-results";
            div.textContent = text("i18nNoResults", "No matches");
            return div;
          },
        },
      };
      if (empty && empty.textContent.trim()) {
        options.placeholder = empty.textContent.trim(); // "全部", "—" stay visible as the placeholder
      }
      var url = el.dataset.autocompleteUrl;
      if (url) {
        // Options come from the scoped autocomplete endpoint as the user types.
        options.valueField = "id";
        options.labelField = "text";
        options.searchField = [];
        // The server has matched (pinyin initials: "hyd" finds 恒亦达), so an option is shown for a
        // query exactly when the server answered it for that query: the typed latin letters do not
        // filter the Chinese names out again, and options loaded earlier (on focus) do not linger.
        var answered = {};
        options.score = function (query) {
          var ids = answered[query];
          return function (item) {
            return ids && ids[String(item.id)] ? 1 : 0;
          };
        };
        options.preload = "focus";
        options.load = function (query, callback) {
          var sep = url.indexOf("?") === -1 ? "?" : "&";
          fetch(url + sep + "q=" + encodeURIComponent(query), {
            credentials: "same-origin",
            headers: { Accept: "application/json" },
          })
            .then(function (response) {
              return response.ok ? response.json() : { results: [] };
            })
            .then(function (data) {
              var results = data.results || [];
              var ids = {};
              results.forEach(function (row) {
                ids[String(row.id)] = true;
              });
              answered[query] = ids;
              callback(results);
            })
            .catch(function () {
              callback();
            });
        };
      }
      // eslint-disable-next-line no-new
      new window.TomSelect(el, options);
    });
  }

  // ---- Confirmations ---------------------------------------------------------------------------
  // Capture phase, so a refusal stops the event before htmx or the browser acts on it.
  document.addEventListener(
    "click",
    function (event) {
      var el = event.target.closest("a[data-confirm], button[data-confirm], input[data-confirm]");
      if (el && !window.confirm(el.dataset.confirm)) {
        event.preventDefault();
        event.stopPropagation();
      }
    },
    true
  );
  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (form.matches("form[data-confirm]") && !window.confirm(form.dataset.confirm)) {
        event.preventDefault();
        event.stopPropagation();
      }
    },
    true
  );

  // ---- Filter forms submit themselves -------------------------------------------------------
  function filterFormOf(el) {
    var form = el && (el.form || (el.closest && el.closest("form")));
    return form && form.classList.contains("js-filter-form") ? form : null;
  }

  function queryOf(form) {
    // FormData includes the controls outside the form that name it (form="filter-form").
    return new URLSearchParams(new FormData(form)).toString();
  }

  function submitFilter(form) {
    if (form.dataset.lastQuery === queryOf(form)) {
      return; // nothing changed (e.g. a text field losing focus after its debounced submit)
    }
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
    }
  }

  function rememberQuery(root) {
    var forms = [];
    if (root.matches && root.matches("form.js-filter-form")) {
      forms.push(root);
    }
    if (root.querySelectorAll) {
      root.querySelectorAll("form.js-filter-form").forEach(function (f) {
        forms.push(f);
      });
    }
    forms.forEach(function (form) {
      form.dataset.lastQuery = queryOf(form);
    });
  }

  var typingTimer = null;
  var TYPING_DELAY = 450;

  function isTextField(el) {
    return (
      el.tagName === "TEXTAREA" ||
      (el.tagName === "INPUT" && /^(text|search|number|tel|email)$/.test(el.type || "text"))
    );
  }

  document.addEventListener("input", function (event) {
    var form = filterFormOf(event.target);
    if (!form || !isTextField(event.target)) {
      return;
    }
    window.clearTimeout(typingTimer);
    typingTimer = window.setTimeout(function () {
      submitFilter(form);
    }, TYPING_DELAY);
  });

  document.addEventListener("change", function (event) {
    var form = filterFormOf(event.target);
    if (!form) {
      return;
    }
    window.clearTimeout(typingTimer);
    submitFilter(form);
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.classList && form.classList.contains("js-filter-form")) {
      window.clearTimeout(typingTimer);
      form.dataset.lastQuery = queryOf(form);
    }
  });

  // ---- Sort and page links of a list load only the results --------------------------------------
  function boostResultLinks(root) {
    if (typeof window.htmx === "undefined") {
      return;
    }
    var results = document.getElementById("results");
    if (!results || !(root === document || results.contains(root) || root.contains(results))) {
      return;
    }
    results.querySelectorAll('a[href^="?"]:not([hx-get]):not([download]):not([data-no-htmx])').forEach(function (a) {
      a.setAttribute("hx-get", window.location.pathname + a.getAttribute("href"));
      a.setAttribute("hx-swap", "innerHTML show:#results:top");
      window.htmx.process(a);
    });
  }

  // ---- The language switch returns to the address now shown (htmx may have changed it) --------
  function syncLanguageNext() {
    document.querySelectorAll('.language-form input[name="next"]').forEach(function (input) {
      input.value = window.location.pathname + window.location.search;
    });
  }

  // ---- Wiring ----------------------------------------------------------------------------------
  function setUp(root) {
    initTomSelect(root);
    boostResultLinks(root);
    rememberQuery(root);
  }

  if (typeof window.htmx !== "undefined") {
    // onLoad runs for the initial page and for every piece of content htmx swaps in.
    window.htmx.onLoad(setUp);
    // Back and Forward: base.html sets historyCacheSize 0 and refreshOnHistoryMiss, so htmx keeps
    // no DOM snapshots and the browser reloads the address from the server. The filter form is
    // then rendered from the URL (no "全部" above filtered rows, no filter lost on the next
    // search) and every searchable select is set up once. Should a snapshot ever be restored,
    // set up again: initTomSelect drops the stale copies first.
    document.addEventListener("htmx:historyRestore", function () {
      setUp(document);
      syncLanguageNext();
    });
    document.addEventListener("htmx:pushedIntoHistory", syncLanguageNext);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", function () {
      setUp(document);
    });
  } else {
    setUp(document);
  }
})();
