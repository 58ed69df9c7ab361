/*!
 * AllianceHub — the check-in desk's camera scanner.
 * SPDX-License-Identifier: Apache-2.0
 *
 * Reads ticket QR codes with the browser's own BarcodeDetector (no library): each code read
 * goes into the ticket-code field and the form is sent (by htmx, so the camera keeps running).
 * Where the browser has no BarcodeDetector (or no camera), the scanner stays hidden and the
 * desk types or pastes the code, or searches by name. Cameras need HTTPS (or localhost).
 */
(function () {
  "use strict";

  var REPEAT_AFTER_MS = 4000; // the same ticket held in front of the camera is sent once
  var INTERVAL_MS = 250;

  function ready(callback) {
    if (document.readyState !== "loading") {
      callback();
    } else {
      document.addEventListener("DOMContentLoaded", callback);
    }
  }

  function show(element, visible) {
    if (element) {
      element.hidden = !visible;
    }
  }

  ready(function () {
    var box = document.querySelector("[data-scanner]");
    var form = document.getElementById("check-in-form");
    if (!box || !form) {
      return;
    }
    var video = box.querySelector("[data-scanner-video]");
    var start = box.querySelector("[data-scanner-start]");
    var stop = box.querySelector("[data-scanner-stop]");
    var error = box.querySelector("[data-scanner-error]");
    var input = form.querySelector("input[name=token]");
    var stream = null;
    var timer = null;
    var last = { code: "", at: 0 };

    // A code sent and answered: empty the field for the next ticket.
    form.addEventListener("htmx:afterRequest", function (event) {
      if (event.detail.successful) {
        form.reset();
      }
    });

    var supported = "BarcodeDetector" in window && navigator.mediaDevices &&
      typeof navigator.mediaDevices.getUserMedia === "function";
    if (!supported) {
      show(document.querySelector("[data-scanner-unsupported]"), true);
      return;
    }
    window.BarcodeDetector.getSupportedFormats().then(function (formats) {
      if (formats.indexOf("qr_code") === -1) {
        show(document.querySelector("[data-scanner-unsupported]"), true);
        return;
      }
      show(box, true);
    });

    function send(code) {
      var now = Date.now();
      if (code === last.code && now - last.at < REPEAT_AFTER_MS) {
        return;
      }
      last = { code: code, at: now };
      input.value = code;
      if (typeof form.requestSubmit === "function") {
        form.requestSubmit();
      } else {
        form.submit();
      }
    }

    function halt() {
      if (timer) {
        window.clearInterval(timer);
        timer = null;
      }
      if (stream) {
        stream.getTracks().forEach(function (track) { track.stop(); });
        stream = null;
      }
      show(video, false);
      show(stop, false);
      show(start, true);
    }

    start.addEventListener("click", function () {
      var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
      show(error, false);
      navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false })
        .then(function (media) {
          stream = media;
          video.srcObject = media;
          show(video, true);
          show(start, false);
          show(stop, true);
          return video.play();
        })
        .then(function () {
          var busy = false;
          timer = window.setInterval(function () {
            if (busy || video.readyState < 2) {
              return;
            }
            busy = true;
            detector.detect(video).then(function (codes) {
              busy = false;
              if (codes.length && codes[0].rawValue) {
                send(codes[0].rawValue);
              }
            }, function () { busy = false; });
          }, INTERVAL_MS);
        })
        .catch(function () {
          halt();
          show(error, true);
        });
    });
    stop.addEventListener("click", halt);
    window.addEventListener("pagehide", halt);
  });
})();
