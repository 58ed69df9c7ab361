/*!
 * AllianceHub — site script.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Sends Django's CSRF token with every state-changing htmx request. The token
 * comes from <meta name="csrf-token" content="{{ csrf_token }}"> in base.html.
 * Asks before submitting a form (or pressing a button) marked data-confirm="question".
 * Shows only the fields of a form that belong to the chosen kind (data-kind-switch).
 */
(function () {
  "use strict";

  var SAFE_METHODS = ["get", "head", "options", "trace"];

  document.addEventListener("htmx:configRequest", function (event) {
    var verb = String(event.detail.verb || "").toLowerCase();
    if (SAFE_METHODS.indexOf(verb) !== -1) {
      return;
    }
    var meta = document.querySelector('meta[name="csrf-token"]');
    if (meta && meta.content) {
      event.detail.headers["X-CSRFToken"] = meta.content;
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var question = (event.submitter && event.submitter.getAttribute("data-confirm")) ||
      form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) {
      event.preventDefault();
    }
  });

  // <select data-kind-switch> beside blocks marked data-kinds="a b": only the blocks for the
  // chosen value stay visible. Without script every block shows, and the server ignores the
  // fields that do not belong to the kind.
  function applyKind(select) {
    document.querySelectorAll("[data-kinds]").forEach(function (block) {
      var kinds = block.getAttribute("data-kinds").split(" ");
      block.hidden = kinds.indexOf(select.value) === -1;
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("select[data-kind-switch]")) {
      applyKind(event.target);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[data-kind-switch]").forEach(applyKind);
    document.querySelectorAll("[data-check-all]").forEach(function (box) {
      box.addEventListener("change", function () {
        document.querySelectorAll(box.getAttribute("data-check-all")).forEach(function (other) {
          other.checked = box.checked;
        });
      });
    });
  });
})();
