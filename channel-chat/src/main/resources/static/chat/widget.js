// The live-chat widget. A site includes it with one tag:
//   <script src="https://GATEWAY/chat/widget.js" data-title="Support" data-position="right" defer></script>
// It finds the gateway from its own src, loads widget.css and the STOMP client (stomp.js) from there, and builds its
// DOM in a container of its own. It is a client of docs/chat-protocol.md and nothing more: the server decides.
// Everything a person or the server wrote is inserted with textContent, never as HTML.
(function () {
  'use strict';
  if (window.IntakeChatWidget) { return; }
  var script = document.currentScript || document.querySelector('script[src$="/chat/widget.js"]');
  if (!script) { return; }
  var base = new URL('./', script.src).href;
  var wsUrl = base.replace(/^http/, 'ws') + 'ws';
  var config = {
    title: script.getAttribute('data-title') || 'Support',
    position: script.getAttribute('data-position') === 'left' ? 'left' : 'right'
  };
  var STORE = 'intake-chat:' + base;
  var TYPING_EVERY = 3000;
  var TYPING_IDLE = 4000;
  var SVG = 'http://www.w3.org/2000/svg';
  var ICONS = {
    chat: 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z',
    close: 'M6 6l12 12M18 6L6 18',
    minimize: 'M6 12h12',
    send: 'M4 12l16-8-6 16-2.5-6.5L4 12z',
    phone: 'M6.6 10.8a15 15 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z',
    clock: 'M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18zM12 7v5l3 2',
    ticket: 'M3 8V6a1 1 0 0 1 1-1h16a1 1 0 0 1 1 1v2a2 2 0 0 0 0 4v2a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1v-2a2 2 0 0 0 0-4z',
    wifi: 'M2 9a15 15 0 0 1 20 0M5 12.5a10 10 0 0 1 14 0M8.5 16a5 5 0 0 1 7 0M12 19.5h.01'
  };

  // ---- small helpers ---------------------------------------------------------------------------------------------
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function icon(name, className) {
    var s = document.createElementNS(SVG, 'svg');
    s.setAttribute('viewBox', '0 0 24 24');
    s.setAttribute('aria-hidden', 'true');
    s.setAttribute('focusable', 'false');
    s.setAttribute('class', 'icw-icon' + (className ? ' ' + className : ''));
    var p = document.createElementNS(SVG, 'path');
    p.setAttribute('d', ICONS[name]);
    s.appendChild(p);
    return s;
  }
  function button(className, label, iconName) {
    var b = el('button', className);
    b.type = 'button';
    if (iconName) {
      b.appendChild(icon(iconName));
      b.setAttribute('aria-label', label);
      b.title = label;
    } else {
      b.textContent = label;
    }
    return b;
  }
  var uid = 0;
  function field(form, name, label, options) {
    options = options || {};
    var id = 'icw-f-' + name + '-' + (++uid);
    var wrap = el('div', 'icw-field');
    var l = el('label', null, label);
    l.htmlFor = id;
    if (options.optional) { l.appendChild(el('span', 'icw-opt', 'optional')); }
    var input = el(options.multiline ? 'textarea' : 'input', 'icw-input');
    if (!options.multiline) { input.type = options.type || 'text'; }
    input.id = id;
    input.name = name;
    if (options.autocomplete) { input.autocomplete = options.autocomplete; }
    if (options.max) { input.maxLength = options.max; }
    if (options.rows) { input.rows = options.rows; }
    if (!options.optional) { input.required = true; input.setAttribute('aria-required', 'true'); }
    if (options.value) { input.value = options.value; }
    var error = el('p', 'icw-error');
    error.id = id + '-error';
    error.hidden = true;
    wrap.appendChild(l);
    wrap.appendChild(input);
    wrap.appendChild(error);
    form.appendChild(wrap);
    form.fields = form.fields || {};
    form.fields[name] = { input: input, error: error, wrap: wrap };
    return input;
  }
  function showProblem(form, name, message) {
    var f = form.fields[name];
    if (!f) { return false; }
    f.error.textContent = message;
    f.error.hidden = false;
    f.wrap.classList.add('icw-invalid');
    f.input.setAttribute('aria-invalid', 'true');
    f.input.setAttribute('aria-describedby', f.error.id);
    return true;
  }
  function clearProblems(form) {
    Object.keys(form.fields).forEach(function (name) {
      var f = form.fields[name];
      f.error.hidden = true;
      f.error.textContent = '';
      f.wrap.classList.remove('icw-invalid');
      f.input.removeAttribute('aria-invalid');
      f.input.removeAttribute('aria-describedby');
    });
  }
  function focusFirstProblem(form) {
    var invalid = form.querySelector('[aria-invalid=true]');
    if (invalid) { invalid.focus(); }
  }
  function checkRequired(form, values) {
    var ok = true;
    Object.keys(form.fields).forEach(function (name) {
      var f = form.fields[name];
      if (f.input.required && !values[name]) {
        showProblem(form, name, f.input.labels[0].firstChild.textContent + ' is required.');
        ok = false;
      }
    });
    if (values.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email) && form.fields.email) {
      showProblem(form, 'email', 'Enter an email address like name@example.com.');
      ok = false;
    }
    return ok;
  }
  function values(form) {
    var v = {};
    Object.keys(form.fields).forEach(function (name) { v[name] = form.fields[name].input.value.trim(); });
    return v;
  }
  function time(iso) {
    var d = iso ? new Date(iso) : new Date();
    if (isNaN(d)) { d = new Date(); }
    return new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(d);
  }
  // "today at 8:00 AM CST", "tomorrow at …" or "Monday, Nov 30 at …", always in the visitor's own time zone.
  function when(iso) {
    var d = new Date(iso);
    if (isNaN(d)) { return null; }
    var clock = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }).format(d);
    var today = new Date();
    today.setHours(0, 0, 0, 0);
    var day = new Date(d);
    day.setHours(0, 0, 0, 0);
    var days = Math.round((day - today) / 86400000);
    if (days === 0) { return 'today at ' + clock; }
    if (days === 1) { return 'tomorrow at ' + clock; }
    return new Intl.DateTimeFormat(undefined, { weekday: 'long', month: 'short', day: 'numeric' }).format(d) + ' at ' + clock;
  }
  function telHref(phone) { return 'tel:' + String(phone).replace(/[^0-9+]/g, ''); }
  function plural(n, word) { return n + ' ' + word + (n === 1 ? '' : 's'); }

  // ---- what survives a page change or a reconnect (sessionStorage) -------------------------------------------------
  var saved = {};
  try { saved = JSON.parse(sessionStorage.getItem(STORE)) || {}; } catch (e) { saved = {}; }
  var state = {
    open: !!saved.open,
    chat: saved.chat || null,           // {id, token, lastId, nextSeq, ticket, agent, ended}
    log: saved.log || [],                // {kind: visitor|agent|system|notice, seq, id, text, at, name, mark}
    profile: saved.profile || {},
    unread: saved.unread || 0,
    status: null,
    view: null
  };
  function persist() {
    try {
      sessionStorage.setItem(STORE, JSON.stringify({ open: state.open, chat: state.chat, log: state.log.slice(-200),
        profile: state.profile, unread: state.unread }));
    } catch (e) { /* private mode: the chat still works, it just does not survive a reload */ }
  }

  // ---- the frame: launcher, panel, header, banners, body --------------------------------------------------------
  var root = el('div', 'icw-root icw-' + config.position);
  root.style.visibility = 'hidden';
  var launcher = button('icw-launcher', 'Open chat', 'chat');
  launcher.setAttribute('aria-expanded', 'false');
  launcher.appendChild(icon('close', 'icw-launcher-close'));
  var badge = el('span', 'icw-badge');
  badge.setAttribute('aria-hidden', 'true');
  badge.hidden = true;
  launcher.appendChild(badge);

  var panel = el('section', 'icw-panel');
  panel.id = 'icw-panel';
  panel.hidden = true;
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-labelledby', 'icw-title');
  launcher.setAttribute('aria-controls', panel.id);

  var header = el('header', 'icw-header');
  var avatar = el('span', 'icw-avatar');
  avatar.setAttribute('aria-hidden', 'true');
  avatar.appendChild(icon('chat'));
  var heading = el('div', 'icw-heading');
  var title = el('h2', 'icw-title', config.title);
  title.id = 'icw-title';
  var subtitle = el('p', 'icw-subtitle', '');
  heading.appendChild(title);
  heading.appendChild(subtitle);
  var endButton = button('icw-header-action', 'End chat');
  endButton.hidden = true;
  var minimize = button('icw-icon-button', 'Minimize chat', 'minimize');
  header.appendChild(avatar);
  header.appendChild(heading);
  header.appendChild(endButton);
  header.appendChild(minimize);

  var banner = el('div', 'icw-banner');
  banner.setAttribute('role', 'status');
  banner.hidden = true;
  var bannerText = el('span', 'icw-banner-text');
  var retryNow = button('icw-link', 'Retry now');
  banner.appendChild(icon('wifi'));
  banner.appendChild(bannerText);
  banner.appendChild(retryNow);

  var ticketBar = el('div', 'icw-ticket');
  ticketBar.hidden = true;
  ticketBar.setAttribute('role', 'status');

  var confirmBar = el('div', 'icw-confirm');
  confirmBar.hidden = true;
  confirmBar.appendChild(el('span', null, 'End this chat? Your ticket stays open and we answer by email.'));
  var confirmEnd = button('icw-button icw-danger icw-small', 'End chat');
  var cancelEnd = button('icw-button icw-small', 'Keep chatting');
  confirmBar.appendChild(confirmEnd);
  confirmBar.appendChild(cancelEnd);

  var body = el('div', 'icw-body');
  var footer = el('div', 'icw-footer');
  var brand = el('p', 'icw-powered', 'Secure chat · your details stay with us');
  panel.appendChild(header);
  panel.appendChild(banner);
  panel.appendChild(ticketBar);
  panel.appendChild(confirmBar);
  panel.appendChild(body);
  panel.appendChild(footer);
  panel.appendChild(brand);
  root.appendChild(panel);
  root.appendChild(launcher);

  // A polite live region for things a screen reader user must hear even when focus is in a form.
  var announcer = el('div', 'icw-sr');
  announcer.setAttribute('aria-live', 'polite');
  root.appendChild(announcer);
  function announce(text) {
    announcer.textContent = '';
    setTimeout(function () { announcer.textContent = text; }, 50);
  }

  // ---- open and close ---------------------------------------------------------------------------------------------
  function setOpen(open, focusLauncher) {
    state.open = open;
    panel.hidden = !open;
    root.classList.toggle('icw-is-open', open);
    launcher.setAttribute('aria-expanded', String(open));
    launcher.setAttribute('aria-label', open ? 'Close chat' : 'Open chat');
    launcher.title = open ? 'Close chat' : 'Open chat';
    if (open) {
      state.unread = 0;
      updateBadge();
      if (!state.view) { start(); }
      setTimeout(focusView, 30);
    } else if (focusLauncher) {
      launcher.focus();
    }
    persist();
  }
  function updateBadge() {
    badge.hidden = state.unread === 0;
    badge.textContent = state.unread > 9 ? '9+' : String(state.unread);
    if (!state.open) {
      launcher.setAttribute('aria-label', state.unread ? 'Open chat, ' + plural(state.unread, 'unread message') : 'Open chat');
    }
  }
  function focusView() {
    var target = body.querySelector('[data-autofocus]') || composerInput;
    if (target && !target.closest('[hidden]') && target.offsetParent !== null) { target.focus(); }
  }
  launcher.addEventListener('click', function () { setOpen(!state.open, true); });
  minimize.addEventListener('click', function () { setOpen(false, true); });
  panel.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { e.stopPropagation(); setOpen(false, true); }
  });

  // ---- views ------------------------------------------------------------------------------------------------------
  function setView(name, nodes, composer) {
    state.view = name;
    root.setAttribute('data-view', name);
    body.replaceChildren.apply(body, nodes);
    footer.replaceChildren();
    if (composer) { footer.appendChild(composerForm); }
    endButton.hidden = name !== 'chat' || !state.chat || state.chat.ended;
    confirmBar.hidden = true;
    if (state.open) { setTimeout(focusView, 30); }
  }

  function setSubtitle() {
    var chat = state.chat;
    if (chat && chat.agent && !chat.ended) {
      subtitle.textContent = chat.agent + ' is here to help';
      avatar.replaceChildren(document.createTextNode(chat.agent.charAt(0).toUpperCase()));
      return;
    }
    avatar.replaceChildren(icon('chat'));
    var s = state.status;
    root.classList.toggle('icw-after-hours', !!s && !s.open);
    if (!s) { subtitle.textContent = 'We are here to help'; return; }
    if (!s.open) { subtitle.textContent = 'Chat is closed right now'; return; }
    subtitle.textContent = s.agents_online > 0 ? 'Online · we usually answer in a few minutes' : 'Online · we answer by email';
  }

  function loadingView(text) {
    var box = el('div', 'icw-center');
    box.appendChild(el('span', 'icw-spinner'));
    box.appendChild(el('p', 'icw-muted', text || 'Connecting…'));
    setView('loading', [box]);
  }

  function errorView(text) {
    var box = el('div', 'icw-center');
    box.appendChild(el('p', null, text));
    var retry = button('icw-button icw-primary', 'Try again');
    retry.setAttribute('data-autofocus', '');
    retry.addEventListener('click', start);
    box.appendChild(retry);
    if (state.status && state.status.outage_phone) { box.appendChild(phoneLine(state.status.outage_phone)); }
    setView('error', [box]);
  }

  function phoneLine(phone) {
    var p = el('p', 'icw-phone');
    p.appendChild(icon('phone'));
    var text = el('span');
    text.appendChild(document.createTextNode('Phones down? Call '));
    var a = el('a', null, phone);
    a.href = telHref(phone);
    text.appendChild(a);
    text.appendChild(document.createTextNode(', any hour.'));
    p.appendChild(text);
    return p;
  }

  function intro(headline, text) {
    var box = el('div', 'icw-intro');
    box.appendChild(el('p', 'icw-headline', headline));
    if (text) { box.appendChild(el('p', 'icw-muted', text)); }
    return box;
  }

  function prechatView() {
    var s = state.status || {};
    var form = el('form', 'icw-form');
    form.noValidate = true;
    form.setAttribute('aria-label', 'Start a chat');
    var p = state.profile;
    var name = field(form, 'name', 'Name', { autocomplete: 'name', max: 200, value: p.name });
    name.setAttribute('data-autofocus', '');
    field(form, 'email', 'Email', { type: 'email', autocomplete: 'email', max: 254, value: p.email });
    field(form, 'account', 'Account number', { max: 64, value: p.account });
    field(form, 'site', 'Site or location', { optional: true, max: 200, value: p.site });
    field(form, 'text', 'Your question', { optional: true, multiline: true, rows: 2, max: s.max_message_chars || 2000 });
    var formError = el('p', 'icw-form-error');
    formError.setAttribute('role', 'alert');
    formError.hidden = true;
    form.appendChild(formError);
    var submit = el('button', 'icw-button icw-primary icw-wide', 'Start chat');
    submit.type = 'submit';
    form.appendChild(submit);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearProblems(form);
      formError.hidden = true;
      var v = values(form);
      if (!checkRequired(form, v)) { focusFirstProblem(form); return; }
      state.profile = { name: v.name, email: v.email, account: v.account, site: v.site };
      persist();
      submit.disabled = true;
      submit.textContent = 'Starting…';
      pendingStart = { form: form, submit: submit, formError: formError, first: v.text };
      var payload = { name: v.name, email: v.email, account: v.account };
      if (v.site) { payload.site = v.site; }
      whenConnected(function () { stomp.send('/app/chat/start', payload); });
    });
    var nodes = [intro('Hi! How can we help?', s.agents_online > 0
      ? 'Tell us who you are and we connect you with an agent. Urgent outage? Say so in your first message.'
      : 'No agent is online right now. Start anyway: your chat becomes a ticket and we answer by email.'), form];
    if (s.outage_phone) { nodes.push(phoneLine(s.outage_phone)); }
    setView('prechat', nodes);
  }

  function closedView() {
    var s = state.status || {};
    var box = el('div', 'icw-closed');
    box.appendChild(el('p', 'icw-headline', 'We are offline right now'));
    var opens = s.opens_at ? when(s.opens_at) : null;
    var line = el('p', 'icw-opens', opens ? 'Chat is closed, opens ' + opens + '.' : 'Chat is closed right now.');
    line.setAttribute('data-opens-at', s.opens_at || '');
    box.appendChild(line);
    if (s.outage_phone) { box.appendChild(phoneLine(s.outage_phone)); }
    box.appendChild(el('p', 'icw-subhead', 'Leave a message'));
    box.appendChild(el('p', 'icw-muted', 'We reply by email and open a ticket right away, so nothing waits for the morning.'));
    var form = el('form', 'icw-form');
    form.noValidate = true;
    form.setAttribute('aria-label', 'Leave a message');
    var p = state.profile;
    var first = field(form, 'name', 'Name', { autocomplete: 'name', max: 200, value: p.name });
    first.setAttribute('data-autofocus', '');
    field(form, 'email', 'Email', { type: 'email', autocomplete: 'email', max: 254, value: p.email });
    field(form, 'account', 'Account number', { max: 64, value: p.account });
    field(form, 'site', 'Site or location', { optional: true, max: 200, value: p.site });
    field(form, 'text', 'Message', { multiline: true, rows: 4, max: s.max_message_chars || 2000 });
    var formError = el('p', 'icw-form-error');
    formError.setAttribute('role', 'alert');
    formError.hidden = true;
    form.appendChild(formError);
    var submit = el('button', 'icw-button icw-primary icw-wide', 'Send message');
    submit.type = 'submit';
    form.appendChild(submit);
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearProblems(form);
      formError.hidden = true;
      var v = values(form);
      if (!checkRequired(form, v)) { focusFirstProblem(form); return; }
      state.profile = { name: v.name, email: v.email, account: v.account, site: v.site };
      persist();
      submit.disabled = true;
      submit.textContent = 'Sending…';
      pendingLeave = { form: form, submit: submit, formError: formError };
      var payload = { name: v.name, email: v.email, account: v.account, text: v.text };
      if (v.site) { payload.site = v.site; }
      whenConnected(function () { stomp.send('/app/chat/leave-message', payload); });
    });
    box.appendChild(form);
    setView('closed', [box]);
  }

  function messageLeftView(m) {
    var box = el('div', 'icw-center icw-done');
    var check = el('span', 'icw-done-mark', '✓');
    check.setAttribute('aria-hidden', 'true');
    box.appendChild(check);
    var headline = el('p', 'icw-headline', 'Message received');
    headline.tabIndex = -1;
    headline.setAttribute('data-autofocus', '');
    box.appendChild(headline);
    var t = el('p', 'icw-ticket-line');
    t.appendChild(document.createTextNode('Your ticket number is '));
    var n = el('strong', 'icw-ticket-number', m.number);
    t.appendChild(n);
    box.appendChild(t);
    if (m.response_due) { box.appendChild(el('p', 'icw-muted', 'We respond by ' + when(m.response_due) + ', by email.')); }
    else { box.appendChild(el('p', 'icw-muted', 'We respond by email.')); }
    if (state.status && state.status.outage_phone) { box.appendChild(phoneLine(state.status.outage_phone)); }
    setView('left', [box]);
    announce('Message received. Your ticket number is ' + m.number);
  }

  // ---- the conversation ---------------------------------------------------------------------------------------------
  var logList = el('ol', 'icw-log');
  logList.setAttribute('role', 'log');
  logList.setAttribute('aria-live', 'polite');
  logList.setAttribute('aria-label', 'Conversation');
  logList.tabIndex = 0;
  var typingRow = el('div', 'icw-typing');
  typingRow.hidden = true;
  var typingDots = el('span', 'icw-dots');
  typingDots.setAttribute('aria-hidden', 'true');
  typingDots.appendChild(el('span'));
  typingDots.appendChild(el('span'));
  typingDots.appendChild(el('span'));
  var typingText = el('span', 'icw-typing-text');
  typingRow.appendChild(typingDots);
  typingRow.appendChild(typingText);
  var endedBox = el('div', 'icw-ended');
  endedBox.hidden = true;

  var composerForm = el('form', 'icw-composer');
  composerForm.noValidate = true;
  var composerInput = el('textarea', 'icw-composer-input');
  composerInput.id = 'icw-composer-input';
  composerInput.rows = 1;
  composerInput.placeholder = 'Write a message…';
  composerInput.setAttribute('aria-label', 'Message');
  composerInput.setAttribute('aria-describedby', 'icw-composer-hint icw-counter');
  var composerHint = el('span', 'icw-sr', 'Enter sends, Shift+Enter starts a new line.');
  composerHint.id = 'icw-composer-hint';
  var counter = el('span', 'icw-counter');
  counter.id = 'icw-counter';
  counter.setAttribute('aria-live', 'polite');
  var sendButton = el('button', 'icw-send');
  sendButton.type = 'submit';
  sendButton.setAttribute('aria-label', 'Send message');
  sendButton.title = 'Send (Enter)';
  sendButton.appendChild(icon('send'));
  composerForm.appendChild(composerHint);
  composerForm.appendChild(composerInput);
  composerForm.appendChild(counter);
  composerForm.appendChild(sendButton);

  function maxChars() { return (state.status && state.status.max_message_chars) || 2000; }

  function updateComposer() {
    var max = maxChars();
    var length = composerInput.value.length;
    counter.textContent = length >= max - Math.min(200, Math.round(max / 10)) ? length + ' / ' + max : '';
    counter.classList.toggle('icw-over', length > max);
    sendButton.disabled = composerInput.value.trim() === '' || length > max;
    composerInput.style.height = 'auto';
    composerInput.style.height = Math.min(composerInput.scrollHeight, 120) + 'px';
  }

  composerInput.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      sendFromComposer();
    }
  });
  composerInput.addEventListener('input', function () {
    updateComposer();
    typing(composerInput.value.trim() !== '');
  });
  composerForm.addEventListener('submit', function (e) {
    e.preventDefault();
    sendFromComposer();
  });

  function sendFromComposer() {
    var text = composerInput.value.trim();
    if (!text || text.length > maxChars() || !state.chat || state.chat.ended) { return; }
    composerInput.value = '';
    updateComposer();
    typing(false);
    sendMessage(text);
    composerInput.focus();
  }

  // Throttled: at most one typing:true per TYPING_EVERY, and typing:false after TYPING_IDLE without a key.
  var typingSentAt = 0;
  var typingIdle = null;
  var typingOn = false;
  function typing(on) {
    if (!state.chat || state.chat.ended || !stomp || !stomp.connected || !state.chat.bound) { return; }
    clearTimeout(typingIdle);
    if (on) {
      if (!typingOn || Date.now() - typingSentAt > TYPING_EVERY) {
        stomp.send('/app/chat/typing', { typing: true });
        typingSentAt = Date.now();
        typingOn = true;
      }
      typingIdle = setTimeout(function () { typing(false); }, TYPING_IDLE);
    } else if (typingOn) {
      stomp.send('/app/chat/typing', { typing: false });
      typingOn = false;
    }
  }

  var agentTypingTimer = null;
  function showAgentTyping(on, name) {
    clearTimeout(agentTypingTimer);
    typingRow.hidden = !on;
    typingText.textContent = on ? (name || 'The agent') + ' is typing…' : '';
    if (on) {
      // The server throttles typing events and may drop a typing:false, so an indicator without news goes away.
      agentTypingTimer = setTimeout(function () { showAgentTyping(false); }, 8000);
      scrollDown();
    }
  }

  function sendMessage(text) {
    var chat = state.chat;
    var entry = { kind: 'visitor', seq: chat.nextSeq++, text: text, at: new Date().toISOString(), mark: 'pending' };
    state.log.push(entry);
    persist();
    appendEntry(entry);
    if (stomp && stomp.connected && chat.bound) { stomp.send('/app/chat/message', { seq: entry.seq, text: text }); }
  }

  var rows = {};
  var MARKS = { pending: ['', 'Sending'], sent: ['✓', 'Sent'], delivered: ['✓✓', 'Delivered'], failed: ['!', 'Not sent'] };
  function renderMark(span, mark) {
    span.replaceChildren();
    span.setAttribute('data-mark', mark);
    if (mark === 'pending') { span.appendChild(icon('clock')); } else { span.textContent = MARKS[mark][0]; }
    span.setAttribute('aria-label', MARKS[mark][1]);
    span.title = MARKS[mark][1];
  }

  function appendEntry(entry) {
    var li;
    if (entry.kind === 'visitor' || entry.kind === 'agent') {
      li = el('li', 'icw-msg icw-' + entry.kind);
      var who = el('span', 'icw-sr', entry.kind === 'visitor' ? 'You said: ' : (entry.name || 'Agent') + ' said: ');
      li.appendChild(who);
      if (entry.kind === 'agent' && entry.name) { li.appendChild(el('span', 'icw-author', entry.name)); }
      var bubble = el('div', 'icw-bubble', entry.text);
      li.appendChild(bubble);
      var meta = el('div', 'icw-meta');
      var t = el('time', null, time(entry.at));
      t.dateTime = entry.at || '';
      meta.appendChild(t);
      if (entry.kind === 'visitor') {
        var mark = el('span', 'icw-mark');
        mark.setAttribute('role', 'img');
        renderMark(mark, entry.mark);
        meta.appendChild(mark);
        li.setAttribute('data-seq', entry.seq);
        rows[entry.seq] = { li: li, mark: mark, entry: entry };
      }
      li.appendChild(meta);
    } else {
      li = el('li', 'icw-event icw-' + entry.kind + (entry.code ? ' icw-code-' + entry.code : ''));
      li.appendChild(el('span', null, entry.text));
    }
    if (entry.id) { li.setAttribute('data-id', entry.id); }
    logList.appendChild(li);
    scrollDown();
  }

  function scrollDown() {
    var scroller = body;
    requestAnimationFrame(function () { scroller.scrollTop = scroller.scrollHeight; });
  }

  function mark(seq, to) {
    var order = { pending: 0, failed: 0, sent: 1, delivered: 2 };
    state.log.forEach(function (e) {
      if (e.kind === 'visitor' && e.seq <= seq && order[e.mark] < order[to]) {
        e.mark = to;
        if (rows[e.seq]) {
          renderMark(rows[e.seq].mark, to);
          rows[e.seq].li.setAttribute('data-mark', to);
        }
      }
    });
    persist();
  }

  function addEntry(entry, fromAgent) {
    if (entry.id) {
      if (state.log.some(function (e) { return e.id === entry.id; })) { return; }
      state.chat.lastId = Math.max(state.chat.lastId || 0, entry.id);
    }
    state.log.push(entry);
    persist();
    appendEntry(entry);
    if (fromAgent && (!state.open || document.hidden)) {
      state.unread++;
      updateBadge();
      persist();
    }
  }

  function showTicket() {
    var t = state.chat && state.chat.ticket;
    ticketBar.hidden = !t;
    if (!t) { return; }
    ticketBar.replaceChildren();
    ticketBar.appendChild(icon('ticket'));
    var text = el('span', 'icw-ticket-text');
    text.appendChild(document.createTextNode('Ticket '));
    text.appendChild(el('strong', 'icw-ticket-number', t.number));
    if (t.response_due) {
      text.appendChild(document.createTextNode(' · '));
      text.appendChild(el('span', 'icw-nowrap', 'reply by ' + time(t.response_due)));
    }
    ticketBar.appendChild(text);
    if (t.severity) {
      ticketBar.appendChild(el('span', 'icw-chip icw-sev-' + String(t.severity).toLowerCase(), String(t.severity).toLowerCase()));
    }
  }

  function showEnded() {
    var chat = state.chat;
    endedBox.hidden = !chat.ended;
    endButton.hidden = true;
    if (!chat.ended) { return; }
    endedBox.replaceChildren();
    var ticket = chat.ticket && chat.ticket.number;
    endedBox.appendChild(el('p', 'icw-ended-title', 'This chat has ended'));
    endedBox.appendChild(el('p', 'icw-muted', ticket ? 'Your ticket ' + ticket + ' stays open; we answer by email.'
      : 'Thank you for chatting with us.'));
    var again = button('icw-link icw-new-chat', 'Start a new chat');
    again.addEventListener('click', newChat);
    endedBox.appendChild(again);
    footer.replaceChildren();
    showAgentTyping(false);
  }

  function chatView() {
    rows = {};
    logList.replaceChildren();
    state.log.forEach(appendEntry);
    var wrap = el('div', 'icw-conversation');
    wrap.appendChild(logList);
    wrap.appendChild(typingRow);
    wrap.appendChild(endedBox);
    setView('chat', [wrap], !state.chat.ended);
    showTicket();
    showEnded();
    setSubtitle();
    updateComposer();
    scrollDown();
  }

  function newChat() {
    state.chat = null;
    state.log = [];
    ticketBar.hidden = true;
    persist();
    start();
  }

  endButton.addEventListener('click', function () {
    confirmBar.hidden = false;
    cancelEnd.focus();
  });
  cancelEnd.addEventListener('click', function () {
    confirmBar.hidden = true;
    composerInput.focus();
  });
  confirmEnd.addEventListener('click', function () {
    confirmBar.hidden = true;
    if (stomp && stomp.connected && state.chat && state.chat.bound) {
      stomp.send('/app/chat/end', {});
    } else {
      ended({ reason: 'visitor' });
    }
  });

  function ended(m) {
    if (!state.chat) { return; }
    state.chat.ended = true;
    if (m.ticket && !state.chat.ticket) { state.chat.ticket = { number: m.ticket }; }
    var text = m.message || (m.reason === 'agent' ? 'The agent ended the chat.' : m.reason === 'idle'
      ? 'The chat ended after a quiet while.' : m.reason === 'closing_time' ? 'Chat hours are over.' : 'You ended the chat.');
    addEntry({ kind: 'system', text: text });
    persist();
    showTicket();
    showEnded();
    setSubtitle();
    announce('This chat has ended.');
    var link = endedBox.querySelector('.icw-new-chat');
    if (link && state.open) { link.focus(); }
  }

  // ---- the connection -----------------------------------------------------------------------------------------------
  var stomp = null;
  var waiting = [];
  var attempt = 0;
  var retryTimer = null;
  var countdownTimer = null;
  var pendingStart = null;
  var pendingLeave = null;

  function whenConnected(fn) {
    if (stomp && stomp.connected) { fn(); return; }
    waiting.push(fn);
    connect();
  }

  function connect() {
    if (stomp || !window.IntakeStomp) { return; }
    clearTimeout(retryTimer);
    stomp = new window.IntakeStomp(wsUrl);
    stomp.onconnect = function () {
      attempt = 0;
      hideBanner();
      stomp.subscribe('/user/queue/chat', handle);
      if (state.chat && !state.chat.ended) {
        stomp.send('/app/chat/resume', { chat_id: state.chat.id, resume_token: state.chat.token, last_id: state.chat.lastId || 0 });
      }
      var run = waiting;
      waiting = [];
      run.forEach(function (fn) { fn(); });
    };
    stomp.onerror = function (message) {
      if (pendingStart || pendingLeave) { formFailed('The chat service refused the request: ' + message); }
    };
    stomp.onclose = function () {
      stomp = null;
      if (state.chat) { state.chat.bound = false; }
      typingOn = false;
      if ((state.chat && !state.chat.ended) || waiting.length || pendingStart || pendingLeave) { scheduleReconnect(); }
    };
    stomp.open();
  }

  // Backoff 1 s, 2 s, 4 s … up to 30 s, each with up to 30% jitter so a restarted gateway is not hit all at once.
  function scheduleReconnect() {
    clearTimeout(retryTimer);
    clearInterval(countdownTimer);
    var delay = Math.min(30000, 1000 * Math.pow(2, attempt));
    delay = Math.round(delay * (0.7 + Math.random() * 0.3));
    attempt++;
    var due = Date.now() + delay;
    function show() {
      var s = Math.max(1, Math.ceil((due - Date.now()) / 1000));
      showBanner('Connection lost. Reconnecting in ' + s + ' s…');
    }
    show();
    countdownTimer = setInterval(show, 1000);
    retryTimer = setTimeout(function () {
      clearInterval(countdownTimer);
      showBanner('Reconnecting…');
      connect();
    }, delay);
  }
  retryNow.addEventListener('click', function () {
    clearTimeout(retryTimer);
    clearInterval(countdownTimer);
    showBanner('Reconnecting…');
    connect();
  });
  function showBanner(text) {
    banner.hidden = false;
    bannerText.textContent = text;
    root.classList.add('icw-offline');
  }
  function hideBanner() {
    clearInterval(countdownTimer);
    if (!banner.hidden) { announce('Connected again.'); }
    banner.hidden = true;
    root.classList.remove('icw-offline');
  }

  function resendUnacknowledged() {
    state.log.forEach(function (e) {
      if (e.kind === 'visitor' && (e.mark === 'pending' || e.mark === 'failed')) {
        stomp.send('/app/chat/message', { seq: e.seq, text: e.text });
      }
    });
  }

  function formFailed(text, problems) {
    var p = pendingStart || pendingLeave;
    pendingStart = pendingLeave = null;
    if (!p) { return false; }
    p.submit.disabled = false;
    p.submit.textContent = p.form.getAttribute('aria-label') === 'Leave a message' ? 'Send message' : 'Start chat';
    var shown = false;
    (problems || []).forEach(function (problem) { shown = showProblem(p.form, problem.field, problem.message) || shown; });
    if (!shown || !problems) {
      p.formError.textContent = text;
      p.formError.hidden = false;
    }
    focusFirstProblem(p.form);
    return true;
  }

  function handle(m) {
    var chat = state.chat;
    switch (m.type) {
      case 'status':
        state.status = m;
        setSubtitle();
        break;
      case 'started':
        var first = pendingStart && pendingStart.first;
        pendingStart = null;
        state.chat = { id: m.chat_id, token: m.resume_token, lastId: 0, nextSeq: 1, ticket: null, agent: null,
          ended: false, bound: true };
        state.log = [];
        addEntry({ kind: 'system', text: m.agents_online > 0 ? 'Chat started. An agent will be with you shortly.' : 'Chat started.' });
        chatView();
        if (first) { sendMessage(first); }
        composerInput.focus();
        break;
      case 'resumed':
        if (!chat) { break; }
        chat.bound = true;
        if (m.ticket && m.ticket.number) { chat.ticket = m.ticket; showTicket(); }
        if (m.agent !== undefined) { chat.agent = m.agent; setSubtitle(); }
        (m.messages || []).forEach(function (msg) { handleMessage(msg); });
        if (m.state === 'ended') {
          ended({ reason: m.reason, ticket: m.ticket && m.ticket.number });
          break;
        }
        if (typeof m.last_seq === 'number') { mark(m.last_seq, 'sent'); }
        resendUnacknowledged();
        break;
      case 'ack':
        mark(m.seq, 'sent');
        break;
      case 'delivered':
        mark(m.seq, 'delivered');
        break;
      case 'ticket':
        if (!chat) { break; }
        chat.ticket = { number: m.number, severity: m.severity, response_due: m.response_due };
        persist();
        showTicket();
        addEntry({ kind: 'system', text: 'Ticket ' + m.number + ' is open for this conversation.' });
        announce('Your ticket number is ' + m.number);
        break;
      case 'message':
        handleMessage(m);
        break;
      case 'typing':
        showAgentTyping(!!m.typing, m.name || (chat && chat.agent));
        break;
      case 'agent':
        if (!chat) { break; }
        chat.agent = m.event === 'joined' ? m.name : null;
        addEntry({ kind: 'system', id: m.id, text: (m.name || 'The agent') + (m.event === 'joined' ? ' joined the chat' : ' left the chat') });
        if (m.event !== 'joined') { showAgentTyping(false); }
        setSubtitle();
        persist();
        break;
      case 'notice':
        addEntry({ kind: 'notice', code: m.code, text: m.message || noticeText(m.code) });
        break;
      case 'ended':
        ended(m);
        break;
      case 'closed':
        pendingStart = null;
        state.status = m;
        state.status.open = false;
        setSubtitle();
        closedView();
        break;
      case 'message_left':
        pendingLeave = null;
        messageLeftView(m);
        break;
      case 'error':
        handleError(m);
        break;
    }
  }

  function handleMessage(m) {
    if (m.from === 'visitor') { return; }
    showAgentTyping(false);
    if (m.from === 'agent') {
      addEntry({ kind: 'agent', id: m.id, name: m.name, text: m.text, at: m.at }, true);
    } else {
      addEntry({ kind: 'system', id: m.id, text: m.text, at: m.at });
    }
  }

  function noticeText(code) {
    if (code === 'no_agent') { return 'No agent is online right now. Your messages go into your ticket and we answer by email.'; }
    if (code === 'closing_soon') { return 'Chat closes soon.'; }
    if (code === 'queued') { return 'You are in the queue; an agent will be with you shortly.'; }
    return code;
  }

  function handleError(m) {
    if (m.code === 'invalid' || pendingStart || pendingLeave) {
      if (m.code === 'closed' && pendingStart) {
        pendingStart = null;
        refreshStatus();
        return;
      }
      if (formFailed(m.message || 'Please check the form.', m.problems)) { return; }
    }
    var chat = state.chat;
    if (m.code === 'bad_token' || m.code === 'unknown_chat') {
      if (chat) {
        chat.ended = true;
        addEntry({ kind: 'notice', text: 'This chat can no longer be continued.' });
        showEnded();
      }
    } else if (m.code === 'not_started' && chat && !chat.ended) {
      stomp.send('/app/chat/resume', { chat_id: chat.id, resume_token: chat.token, last_id: chat.lastId || 0 });
    } else if (m.code === 'seq' && chat && typeof m.expected === 'number') {
      resendUnacknowledged();
    } else if (m.code === 'rate_limited' || (m.code === 'unavailable' && m.seq)) {
      addEntry({ kind: 'notice', text: m.code === 'rate_limited' ? 'You are sending messages quickly; we retry in a moment.'
        : 'We could not save your message just now; we retry in a moment.' });
      setTimeout(function () { if (stomp && stomp.connected) { resendUnacknowledged(); } }, m.retry_after_ms || 3000);
    } else if (m.code === 'too_long' || m.code === 'closed') {
      state.log.forEach(function (e) {
        if (e.kind === 'visitor' && e.mark === 'pending') { e.mark = 'failed'; if (rows[e.seq]) { renderMark(rows[e.seq].mark, 'failed'); } }
      });
      addEntry({ kind: 'notice', text: m.message || (m.code === 'closed' ? 'Chat is closed.' : 'That message is too long.') });
    } else if (m.message) {
      addEntry({ kind: 'notice', text: m.message });
    }
  }

  // ---- start: the status decides what the visitor sees ---------------------------------------------------------------
  function refreshStatus() {
    loadingView('Checking if we are online…');
    return fetch(base + 'status', { credentials: 'omit', headers: { Accept: 'application/json' } })
      .then(function (r) {
        if (!r.ok) { throw new Error('status ' + r.status); }
        return r.json();
      })
      .then(function (s) {
        state.status = s;
        setSubtitle();
        if (s.open) { prechatView(); } else { closedView(); }
        connect();
      })
      .catch(function () {
        errorView('We could not reach the chat service. Check your connection and try again.');
      });
  }

  function start() {
    if (state.chat) {
      chatView();
      if (!state.chat.ended) { connect(); }
      if (!state.status) {
        fetch(base + 'status', { credentials: 'omit' }).then(function (r) { return r.json(); })
          .then(function (s) { state.status = s; updateComposer(); setSubtitle(); }).catch(function () {});
      }
      return;
    }
    refreshStatus();
  }

  // ---- boot: stylesheet and STOMP client from the gateway, then show the launcher -----------------------------------
  var loads = 2;
  function loaded() {
    if (--loads > 0) { return; }
    root.style.visibility = '';
    updateBadge();
    setSubtitle();
    if (state.chat && !state.chat.ended) { start(); }
    if (state.open) { setOpen(true); }
  }
  var css = document.createElement('link');
  css.rel = 'stylesheet';
  css.href = base + 'widget.css';
  css.onload = css.onerror = loaded;
  document.head.appendChild(css);
  if (window.IntakeStomp) {
    loaded();
  } else {
    var client = document.createElement('script');
    client.src = base + 'stomp.js';
    client.onload = loaded;
    client.onerror = function () { loaded(); };
    document.head.appendChild(client);
  }
  (document.body || document.documentElement).appendChild(root);
  document.addEventListener('visibilitychange', function () {
    if (!document.hidden && state.open && state.unread) { state.unread = 0; updateBadge(); persist(); }
  });

  window.IntakeChatWidget = { open: function () { setOpen(true); }, close: function () { setOpen(false); } };
})();
