/*!
 * AllianceHub — site script.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Sends Django's CSRF token with every state-changing htmx request. The token
 * comes from <meta name="csrf-token" content="{{ csrf_token }}"> in base.html.
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
})();
