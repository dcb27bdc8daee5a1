// The live monitor: server-sent snapshots replace the page's data; countdowns tick every second.
// Every value from the server is written with textContent, never as HTML.
(function () {
  'use strict';
  var main = document.getElementById('main');
  var live = document.getElementById('live-status');
  var body = document.getElementById('tickets-body');
  var filterSeverity = document.getElementById('filter-severity');
  var filterChannel = document.getElementById('filter-channel');
  var csrfName = document.querySelector('meta[name=csrf-parameter]').content;
  var csrfToken = document.querySelector('meta[name=csrf-token]').content;
  var offset = 0;
  var seen = {};
  var first = true;
  Array.prototype.forEach.call(body.querySelectorAll('tr[data-number]'), function (tr) { seen[tr.dataset.number] = true; });
  document.getElementById('filters').hidden = false;

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }

  function span(ms) {
    var s = Math.max(0, Math.floor(ms / 1000));
    var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
    if (d > 0) { return d + 'd ' + h + 'h'; }
    if (h > 0) { return h + 'h ' + m + 'm'; }
    return m > 0 ? m + 'm ' + (s % 60) + 's' : (s % 60) + 's';
  }

  function now() { return Date.now() + offset; }

  function tick() {
    var overdue = 0;
    Array.prototype.forEach.call(body.querySelectorAll('tr[data-number]'), function (tr) {
      var time = tr.querySelector('time.countdown');
      var due = Date.parse(time.getAttribute('datetime'));
      var received = Date.parse(tr.dataset.received);
      var left = due - now();
      var isOverdue = left < 0;
      tr.classList.toggle('overdue', isOverdue);
      tr.classList.toggle('at-risk', !isOverdue && left < (due - received) / 4);
      time.textContent = isOverdue ? span(-left) + ' past target' : 'in ' + span(left);
      if (isOverdue) { overdue++; }
    });
    document.getElementById('kpi-overdue').textContent = overdue;
    document.getElementById('kpi-overdue-box').classList.toggle('on', overdue > 0);
  }

  function applyFilters() {
    var sev = filterSeverity.value, ch = filterChannel.value;
    Array.prototype.forEach.call(body.querySelectorAll('tr[data-number]'), function (tr) {
      tr.hidden = (sev && tr.dataset.severity !== sev) || (ch && tr.dataset.channel !== ch);
    });
  }

  function renderTickets(tickets) {
    var rows = document.createDocumentFragment();
    tickets.forEach(function (t) {
      var tr = el('tr');
      tr.dataset.number = t.number;
      tr.dataset.severity = t.severity;
      tr.dataset.channel = t.channel;
      tr.dataset.received = t.received_at;
      if (!seen[t.number] && !first) { tr.classList.add('fresh'); }
      seen[t.number] = true;
      tr.appendChild(el('td', 'num', t.number));
      var sev = el('td');
      sev.appendChild(el('span', 'badge sev-' + t.severity.toLowerCase(), t.severity.toLowerCase()));
      tr.appendChild(sev);
      tr.appendChild(el('td', null, t.channel));
      tr.appendChild(el('td', 'subject', t.subject));
      tr.appendChild(el('td', null, t.requester));
      var due = el('td');
      var time = el('time', 'countdown');
      time.setAttribute('datetime', t.response_due);
      time.title = new Date(t.response_due).toLocaleString();
      due.appendChild(time);
      tr.appendChild(due);
      var state = el('td');
      state.appendChild(el('span', 'state state-' + t.delivery_state, t.delivery_state));
      tr.appendChild(state);
      rows.appendChild(tr);
    });
    if (tickets.length === 0) {
      var empty = el('tr', 'empty');
      var td = el('td', null, 'No tickets yet.');
      td.colSpan = 7;
      empty.appendChild(td);
      rows.appendChild(empty);
    }
    body.replaceChildren(rows);
    first = false;
  }

  function renderRates(rates) {
    var list = document.getElementById('rates');
    var max = 1;
    Object.keys(rates).forEach(function (k) { max = Math.max(max, rates[k].last_hour); });
    var items = document.createDocumentFragment();
    Object.keys(rates).forEach(function (k) {
      var li = el('li');
      li.appendChild(el('span', 'bar-label', k));
      var bar = el('span', 'bar');
      var fill = el('span', 'bar-fill');
      fill.dataset.width = Math.round(rates[k].last_hour * 100 / max);
      bar.appendChild(fill);
      li.appendChild(bar);
      li.appendChild(el('span', 'bar-value', rates[k].last_hour + ' (' + rates[k].last_15m + ')'));
      items.appendChild(li);
    });
    list.replaceChildren(items);
    applyBars();
  }

  function applyBars() {
    Array.prototype.forEach.call(document.querySelectorAll('.bar-fill[data-width]'), function (f) {
      f.style.width = f.dataset.width + '%';
    });
  }

  function replayForm(ticket, label) {
    var form = el('form');
    form.method = 'post';
    form.action = main.dataset.replay;
    var csrf = el('input');
    csrf.type = 'hidden'; csrf.name = csrfName; csrf.value = csrfToken;
    form.appendChild(csrf);
    if (ticket) {
      var t = el('input');
      t.type = 'hidden'; t.name = 'ticket'; t.value = ticket;
      form.appendChild(t);
    }
    var button = el('button', 'button small', label);
    button.type = 'submit';
    form.appendChild(button);
    return form;
  }

  function renderOutbox(outbox) {
    document.getElementById('outbox-pending').textContent = outbox.pending;
    document.getElementById('outbox-parked').textContent = outbox.parked;
    document.getElementById('kpi-pending').textContent = outbox.pending;
    document.getElementById('kpi-parked').textContent = outbox.parked;
    document.getElementById('kpi-parked-box').classList.toggle('on', outbox.parked > 0);
    var list = document.getElementById('parked-list');
    var items = document.createDocumentFragment();
    outbox.parked_entries.forEach(function (p) {
      var li = el('li');
      var info = el('div');
      info.appendChild(el('strong', null, 'Ticket ' + p.ticket));
      info.appendChild(document.createTextNode(' '));
      info.appendChild(el('span', 'hint', 'update ' + p.sequence + ', ' + p.attempts + ' attempts'));
      info.appendChild(el('p', 'hint error-text', p.last_error || ''));
      li.appendChild(info);
      li.appendChild(replayForm(p.ticket, 'Replay'));
      items.appendChild(li);
    });
    list.replaceChildren(items);
    document.getElementById('parked-empty').hidden = outbox.parked_entries.length > 0;
    document.getElementById('replay-all').hidden = outbox.parked === 0;
  }

  function renderSites(sites) {
    document.getElementById('sites-none').hidden = sites !== null;
    var list = document.getElementById('sites');
    var items = document.createDocumentFragment();
    (sites || []).forEach(function (s) {
      var li = el('li', 'site-' + s.state);
      li.appendChild(el('span', 'site-name', s.name || s.site));
      li.appendChild(el('span', 'site-count', s.registered + '/' + s.total + ' registered'));
      items.appendChild(li);
    });
    list.replaceChildren(items);
  }

  function render(snapshot) {
    offset = Date.parse(snapshot.at) - Date.now();
    var hour = 0;
    Object.keys(snapshot.rates).forEach(function (k) { hour += snapshot.rates[k].last_hour; });
    document.getElementById('kpi-hour').textContent = hour;
    renderTickets(snapshot.tickets);
    renderRates(snapshot.rates);
    renderOutbox(snapshot.outbox);
    renderSites(snapshot.sites);
    applyFilters();
    tick();
  }

  function setLive(state, text) {
    live.dataset.state = state;
    live.textContent = text;
  }

  filterSeverity.addEventListener('change', applyFilters);
  filterChannel.addEventListener('change', applyFilters);
  applyBars();
  tick();
  setInterval(tick, 1000);

  var events = new EventSource(main.dataset.events);
  events.addEventListener('snapshot', function (e) {
    render(JSON.parse(e.data));
    setLive('live', 'Live');
  });
  events.addEventListener('error', function () {
    if (events.readyState === EventSource.CLOSED) {
      setLive('down', 'Disconnected: reload the page to sign in again');
    } else {
      setLive('down', 'Reconnecting…');
    }
  });
})();
