/*
 * Anjian page behaviour. The Content-Security-Policy allows no inline script, so every behaviour is
 * wired here from classes and data-* attributes:
 *
 *   select.js-tom          searchable select (Tom Select); set up again after every htmx swap;
 *                          with data-autocomplete-url its options load from that JSON endpoint
 *   [data-confirm="…"]     a link, button or form that asks before it goes ahead
 *   form.js-filter-form    a list's filter form: submits itself (through htmx) when a filter changes
 *   #results a[href^="?"]  sort and page links of a list: load only the results through htmx
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

  function initTomSelect(root) {
    if (typeof window.TomSelect !== "function") {
      return;
    }
    selectsIn(root).forEach(function (el) {
      if (el.tomselect) {
        return;
      }
      var options = {
        create: false,
        allowEmptyOption: true,
        maxOptions: 500,
        plugins: el.multiple ? ["remove_button"] : [],
        render: {
          no_results: function () {
            var div = document.createElement("div");
            div.className = "no-results";
            div.textContent = text("i18nNoResults", "No matches");
            return div;
          },
        },
      };
      var url = el.dataset.autocompleteUrl;
      if (url) {
        // Options come from the scoped autocomplete endpoint as the user types.
        options.valueField = "id";
        options.labelField = "text";
        options.searchField = [];
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
              callback(data.results || []);
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

  function destroyTomSelect(root) {
    selectsIn(root).forEach(function (el) {
      if (el.tomselect) {
        el.tomselect.destroy();
      }
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
    results.querySelectorAll('a[href^="?"]:not([hx-get])').forEach(function (a) {
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
    // The history snapshot must hold plain selects, or a restored page shows two controls each.
    document.addEventListener("htmx:beforeHistorySave", function () {
      destroyTomSelect(document);
    });
    document.addEventListener("htmx:afterSwap", function () {
      initTomSelect(document);
    });
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
