// Regent web UI: the only script. Pages work without it; it only shows timestamps in the viewer's local time
// (the UTC time stays in the hover title) and asks before a rollback is confirmed.
(function () {
  "use strict";
  var fmt = new Intl.DateTimeFormat(undefined, {
    year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit",
    timeZoneName: "short"
  });
  // in dense tables (the audit log): date and minute only; the hover title keeps the exact UTC time
  var compact = new Intl.DateTimeFormat(undefined, {
    year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit"
  });
  function localTimes() {
    var times = document.querySelectorAll("time[datetime]");
    for (var i = 0; i < times.length; i++) {
      var d = new Date(times[i].getAttribute("datetime"));
      if (!isNaN(d.getTime())) {
        times[i].setAttribute("title", times[i].textContent);
        times[i].textContent = (times[i].classList.contains("compact") ? compact : fmt).format(d);
      }
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", localTimes);
  } else {
    localTimes();
  }
})();
