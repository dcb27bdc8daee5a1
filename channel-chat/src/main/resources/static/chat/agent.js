// The agent console: the queue from /topic/chat/queue, claiming, the conversation, replies and typing
// (docs/chat-protocol.md, "Agent"). The page is staff-only; the WebSocket handshake carries the session cookie, so
// this file holds no credentials. Everything from the server or a visitor is written with textContent.
(function () {
  'use strict';
  var WS_URL = location.origin.replace(/^http/, 'ws') + '/chat/agent/ws';
  var TYPING_EVERY = 3000;
  var TYPING_IDLE = 4000;

  function $(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function clock(iso) {
    var d = iso ? new Date(iso) : new Date();
    return isNaN(d) ? '' : new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(d);
  }
  // The server's clock as this console sees it: timestamps of things that just happened (a chat that just appeared,
  // a message that just arrived) tell how far it is from ours, so counters stay right when the clocks disagree.
  var skew = 0;
  function justHappened(iso) {
    var t = Date.parse(iso);
    if (!isNaN(t)) { skew = t - Date.now(); }
  }
  function since(iso) {
    var s = Math.max(0, Math.floor((Date.now() + skew - Date.parse(iso)) / 1000));
    var h = Math.floor(s / 3600), m = Math.floor(s % 3600 / 60), sec = s % 60;
    return (h ? h + ':' + String(m).padStart(2, '0') : m) + ':' + String(sec).padStart(2, '0');
  }
  function chip(severity) {
    var s = String(severity || '').toLowerCase();
    return el('span', 'chip sev-' + s, s);
  }

  var connection = $('connection');
  var alertBox = $('alert');
  var reply = $('reply');
  var transcript = $('transcript');
  var chats = {};            // chat_id -> {info, mine, transcript, unread, ended, pending: [li…], typing}
  var queue = [];
  var queueSeen = false;
  var selected = null;
  var stomp = null;
  var online = true;
  var attempt = 0;
  var retryTimer = null;

  function setConnection(state, text) {
    connection.dataset.state = state;
    connection.textContent = text;
  }
  function showAlert(text) {
    alertBox.textContent = text;
    alertBox.hidden = !text;
    clearTimeout(showAlert.timer);
    if (text) { showAlert.timer = setTimeout(function () { alertBox.hidden = true; }, 8000); }
  }
  function chat(id) {
    if (!chats[id]) { chats[id] = { id: id, info: {}, mine: false, transcript: [], unread: 0, ended: false, pending: [] }; }
    return chats[id];
  }

  // ---- connection and presence ------------------------------------------------------------------------------------
  function connect() {
    if (stomp || !online) { return; }
    setConnection('connecting', attempt ? 'Reconnecting…' : 'Connecting…');
    stomp = new window.IntakeStomp(WS_URL);
    stomp.onconnect = function () {
      attempt = 0;
      setConnection('live', 'Connected');
      stomp.subscribe('/topic/chat/queue', handle);
      stomp.subscribe('/user/queue/agent', handle);
      stomp.send('/app/agent/queue', {});
      // Chats this console had open are claimed again: the server answers with their transcripts.
      Object.keys(chats).forEach(function (id) {
        if (chats[id].mine && !chats[id].ended) { stomp.send('/app/agent/claim', { chat_id: id }); }
      });
    };
    stomp.onerror = function (message) { showAlert('The chat server refused: ' + message); };
    stomp.onclose = function () {
      stomp = null;
      if (!online) { setConnection('off', 'Offline'); return; }
      var delay = Math.round(Math.min(30000, 1000 * Math.pow(2, attempt)) * (0.7 + Math.random() * 0.3));
      attempt++;
      setConnection('down', 'Connection lost, retrying in ' + Math.ceil(delay / 1000) + ' s');
      retryTimer = setTimeout(connect, delay);
    };
    stomp.open();
  }

  $('presence').addEventListener('click', function () {
    online = !online;
    this.setAttribute('aria-pressed', String(online));
    $('presence-label').textContent = online ? 'Online' : 'Offline';
    document.body.classList.toggle('is-offline', !online);
    clearTimeout(retryTimer);
    if (online) {
      attempt = 0;
      connect();
    } else {
      if (stomp) { stomp.close(); stomp = null; }
      setConnection('off', 'Offline: new chats become email tickets');
    }
  });

  // ---- messages from the server -----------------------------------------------------------------------------------
  function handle(m) {
    var c = m.chat_id ? chat(m.chat_id) : null;
    switch (m.type) {
      case 'queue':
        queue = m.chats || [];
        queue.forEach(function (q) {
          if (queueSeen && !chats[q.chat_id]) { justHappened(q.started_at); }
          var known = chat(q.chat_id);
          known.info = q;
          if (q.state !== 'active' && known.mine && !known.ended) { known.mine = false; }
        });
        queueSeen = true;
        renderQueue();
        if (selected) { renderHead(); }
        break;
      case 'ticket':
        if (!c) { break; }
        c.ticket = { number: m.number, severity: m.severity, response_due: m.response_due };
        if (selected === m.chat_id) { renderHead(); }
        break;
      case 'claimed':
        c.mine = true;
        c.ended = false;
        c.info = Object.assign({}, c.info, m.visitor || {}, { chat_id: m.chat_id });
        if (m.ticket) { c.ticket = m.ticket; }
        c.transcript = (m.transcript || []).slice();
        c.unread = 0;
        select(m.chat_id, true);
        renderQueue();
        break;
      case 'message':
        if (!c) { break; }
        justHappened(m.at);
        c.transcript.push(m);
        c.typing = false;
        if (selected === m.chat_id) {
          appendLine(m);
          showTyping();
        } else {
          c.unread++;
          renderQueue();
        }
        break;
      case 'ack':
        if (!c) { break; }
        var li = c.pending.shift();
        if (li) {
          li.dataset.id = m.id;
          var mark = li.querySelector('.mark');
          mark.textContent = '✓';
          mark.setAttribute('aria-label', 'Sent');
          mark.title = 'Sent';
        }
        var line = c.transcript.filter(function (t) { return t.from === 'agent' && !t.id; })[0];
        if (line) { line.id = m.id; }
        break;
      case 'typing':
        if (!c) { break; }
        c.typing = !!m.typing;
        // The server throttles typing events and may drop a typing:false, so an indicator without news goes away.
        clearTimeout(c.typingTimer);
        if (c.typing) {
          c.typingTimer = setTimeout(function () { c.typing = false; if (selected === c.id) { showTyping(); } }, 8000);
        }
        if (selected === m.chat_id) { showTyping(); }
        break;
      case 'ended':
        if (!c) { break; }
        c.ended = true;
        c.endReason = m.reason;
        if (selected === m.chat_id) { renderConversation(); }
        renderQueue();
        break;
      case 'error':
        if (m.code === 'taken') {
          showAlert(m.message || ('That chat is taken' + (m.agent ? ' by ' + m.agent : '') + '.'));
        } else {
          showAlert(m.message || m.code);
        }
        break;
    }
  }

  // ---- the queue ------------------------------------------------------------------------------------------------------
  function renderQueue() {
    var waiting = document.createDocumentFragment();
    var active = document.createDocumentFragment();
    var nWaiting = 0, nActive = 0;
    queue.slice().sort(function (a, b) { return Date.parse(a.waiting_since || a.started_at) - Date.parse(b.waiting_since || b.started_at); })
      .forEach(function (q) {
        var c = chat(q.chat_id);
        var isWaiting = q.state === 'waiting';
        var li = el('li', 'chat-item' + (selected === q.chat_id ? ' selected' : '') + (isWaiting ? ' waiting' : ''));
        li.dataset.chatId = q.chat_id;
        var top = el('div', 'item-top');
        top.appendChild(el('span', 'item-name', q.name || 'Visitor'));
        if (q.severity) { top.appendChild(chip(q.severity)); }
        var counter = el('time', 'since');
        counter.dataset.since = isWaiting ? (q.waiting_since || q.started_at) : q.started_at;
        counter.dateTime = counter.dataset.since || '';
        counter.title = isWaiting ? 'Waiting for' : 'Chatting for';
        top.appendChild(counter);
        li.appendChild(top);
        var meta = [q.account ? 'Account ' + q.account : null, q.site, q.ticket ? 'Ticket ' + q.ticket : null]
          .filter(Boolean).join(' · ');
        if (meta) { li.appendChild(el('p', 'item-meta', meta)); }
        if (q.preview) { li.appendChild(el('p', 'item-preview', q.preview)); }
        var actions = el('div', 'item-actions');
        if (isWaiting) {
          var claim = el('button', 'button primary small claim', 'Claim');
          claim.type = 'button';
          claim.setAttribute('aria-label', 'Claim the chat with ' + (q.name || 'visitor'));
          claim.addEventListener('click', function () { send('/app/agent/claim', { chat_id: q.chat_id }); });
          actions.appendChild(claim);
          nWaiting++;
        } else {
          nActive++;
          if (c.mine) {
            var open = el('button', 'button small', selected === q.chat_id ? 'Open' : 'Show');
            open.type = 'button';
            open.setAttribute('aria-label', 'Show the chat with ' + (q.name || 'visitor'));
            open.addEventListener('click', function () { select(q.chat_id); });
            actions.appendChild(open);
            if (c.unread) { actions.appendChild(el('span', 'unread', c.unread + ' new')); }
          } else {
            actions.appendChild(el('span', 'with', q.agent ? 'with ' + q.agent : 'in progress'));
            var take = el('button', 'button small ghost', 'Open');
            take.type = 'button';
            take.setAttribute('aria-label', 'Open the chat with ' + (q.name || 'visitor'));
            take.addEventListener('click', function () { send('/app/agent/claim', { chat_id: q.chat_id }); });
            actions.appendChild(take);
          }
        }
        li.appendChild(actions);
        (isWaiting ? waiting : active).appendChild(li);
      });
    $('waiting').replaceChildren(waiting);
    $('active').replaceChildren(active);
    $('waiting-count').textContent = nWaiting;
    $('active-count').textContent = nActive;
    $('waiting-empty').hidden = nWaiting > 0;
    $('active-empty').hidden = nActive > 0;
    document.title = (nWaiting ? '(' + nWaiting + ') ' : '') + 'Chat console';
    tick();
  }

  function tick() {
    Array.prototype.forEach.call(document.querySelectorAll('time.since'), function (t) {
      if (!t.dataset.since) { return; }
      t.textContent = since(t.dataset.since);
      var waited = Date.now() - Date.parse(t.dataset.since);
      var waiting = t.closest('.waiting');
      t.classList.toggle('late', !!waiting && waited > 120000);
      t.classList.toggle('very-late', !!waiting && waited > 300000);
    });
  }
  setInterval(tick, 1000);

  // ---- the conversation ------------------------------------------------------------------------------------------------
  function select(id, focusReply) {
    selected = id;
    chats[id].unread = 0;
    renderConversation();
    renderQueue();
    if (focusReply !== false) { reply.focus(); }
  }

  function renderHead() {
    var c = chats[selected];
    var info = c.info || {};
    $('visitor-name').textContent = info.name || 'Visitor';
    var details = $('visitor-details');
    details.replaceChildren();
    [info.email, info.account ? 'Account ' + info.account : null, info.site].filter(Boolean).forEach(function (text, i) {
      if (i) { details.appendChild(document.createTextNode(' · ')); }
      if (text === info.email) {
        var a = el('a', null, text);
        a.href = 'mailto:' + encodeURIComponent(text).replace(/%40/g, '@');
        details.appendChild(a);
      } else {
        details.appendChild(document.createTextNode(text));
      }
    });
    var ticket = $('ticket');
    ticket.replaceChildren();
    var number = (c.ticket && c.ticket.number) || info.ticket;
    var severity = (c.ticket && c.ticket.severity) || info.severity;
    if (number) {
      ticket.appendChild(el('span', 'ticket-label', 'Ticket'));
      ticket.appendChild(el('strong', 'ticket-number', number));
      if (severity) { ticket.appendChild(chip(severity)); }
      if (c.ticket && c.ticket.response_due) { ticket.appendChild(el('span', 'due', 'respond by ' + clock(c.ticket.response_due))); }
    } else {
      ticket.appendChild(el('span', 'ticket-label', 'No ticket yet'));
    }
  }

  function appendLine(m) {
    var from = m.from === 'visitor' ? 'visitor' : m.from === 'agent' ? 'agent' : 'system';
    var li = el('li', 'line ' + from);
    if (from === 'system') {
      li.appendChild(el('span', 'system-text', m.text));
    } else {
      li.appendChild(el('span', 'sr', (from === 'visitor' ? (m.name || 'Visitor') : 'You') + ' said: '));
      var name = el('span', 'line-name', from === 'visitor' ? (m.name || chats[selected].info.name || 'Visitor') : (m.name || 'You'));
      li.appendChild(name);
      li.appendChild(el('div', 'bubble', m.text));
      var meta = el('span', 'line-meta');
      var t = el('time', null, clock(m.at));
      t.dateTime = m.at || '';
      meta.appendChild(t);
      if (from === 'agent') {
        var mark = el('span', 'mark', m.id ? '✓' : '');
        mark.setAttribute('role', 'img');
        mark.setAttribute('aria-label', m.id ? 'Sent' : 'Sending');
        meta.appendChild(mark);
      }
      li.appendChild(meta);
    }
    transcript.appendChild(li);
    transcript.scrollTop = transcript.scrollHeight;
    return li;
  }

  function renderConversation() {
    var c = chats[selected];
    $('placeholder').hidden = true;
    $('chat').hidden = false;
    renderHead();
    transcript.replaceChildren();
    c.pending = [];
    c.transcript.forEach(function (m) {
      var li = appendLine(m);
      if (m.from === 'agent' && !m.id) { c.pending.push(li); }
    });
    $('ended').hidden = !c.ended;
    $('ended').textContent = c.ended ? 'This chat has ended' + (c.endReason ? ' (' + c.endReason + ')' : '') +
      '. The ticket stays open and is answered by email.' : '';
    $('composer').hidden = c.ended;
    $('end').hidden = c.ended;
    $('end-confirm').hidden = true;
    showTyping();
  }

  function showTyping() {
    var c = chats[selected];
    $('typing').hidden = !c.typing || c.ended;
    $('typing-text').textContent = (c.info.name || 'The visitor') + ' is typing…';
  }

  function send(destination, payload) {
    if (!stomp || !stomp.connected) {
      showAlert(online ? 'Not connected yet; try again in a moment.' : 'You are offline. Go online first.');
      return false;
    }
    stomp.send(destination, payload);
    return true;
  }

  // ---- replying -------------------------------------------------------------------------------------------------------
  var typingOn = false, typingAt = 0, typingIdle = null;
  function typing(on) {
    if (!selected || !stomp || !stomp.connected) { return; }
    clearTimeout(typingIdle);
    if (on) {
      if (!typingOn || Date.now() - typingAt > TYPING_EVERY) {
        stomp.send('/app/agent/typing', { chat_id: selected, typing: true });
        typingAt = Date.now();
        typingOn = true;
      }
      typingIdle = setTimeout(function () { typing(false); }, TYPING_IDLE);
    } else if (typingOn) {
      stomp.send('/app/agent/typing', { chat_id: selected, typing: false });
      typingOn = false;
    }
  }

  function sendReply() {
    var text = reply.value.trim();
    var c = chats[selected];
    if (!text || !c || c.ended) { return; }
    if (!send('/app/agent/message', { chat_id: selected, text: text })) { return; }
    typing(false);
    var m = { from: 'agent', name: 'You', text: text, at: new Date().toISOString() };
    c.transcript.push(m);
    c.pending.push(appendLine(m));
    reply.value = '';
    reply.focus();
  }

  reply.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      sendReply();
    }
  });
  reply.addEventListener('input', function () { typing(reply.value.trim() !== ''); });
  $('composer').addEventListener('submit', function (e) {
    e.preventDefault();
    sendReply();
  });
  $('end').addEventListener('click', function () {
    $('end').hidden = true;
    $('end-confirm').hidden = false;
    $('end-no').focus();
  });
  $('end-no').addEventListener('click', function () {
    $('end-confirm').hidden = true;
    $('end').hidden = false;
    $('end').focus();
  });
  $('end-yes').addEventListener('click', function () {
    $('end-confirm').hidden = true;
    if (send('/app/agent/end', { chat_id: selected })) { typing(false); } else { $('end').hidden = false; }
  });

  connect();
})();
