// Progressive enhancement only: the form works without this file.
(function () {
  'use strict';
  var tz = document.getElementById('field-tz');
  try {
    if (tz && window.Intl) { tz.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ''; }
  } catch (e) { /* the configured zone is used */ }
  var summary = document.getElementById('error-summary');
  if (summary) { summary.focus(); }
})();
