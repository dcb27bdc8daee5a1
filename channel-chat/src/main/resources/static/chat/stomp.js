// A small STOMP 1.2 client over a plain WebSocket, shared by the chat widget and the agent console
// (protocol: docs/chat-protocol.md). No library: CONNECT with heart-beats, SUBSCRIBE, SEND of JSON bodies,
// and MESSAGE, RECEIPT and ERROR frames. Defines window.IntakeStomp; usage:
//   var stomp = new IntakeStomp('wss://gateway/chat/ws');
//   stomp.onconnect = function () { stomp.subscribe('/user/queue/chat', onMessage); stomp.send('/app/chat/status', {}); };
//   stomp.onclose = function (code) { ... }; stomp.onerror = function (message, body) { ... }; stomp.open();
(function () {
  'use strict';
  if (window.IntakeStomp) { return; }
  // Frames: COMMAND, headers, blank line, body, NUL. Bare end-of-lines between frames are heart-beats.
  var encoder = new TextEncoder();
  var decoder = new TextDecoder();
  var HEART_BEAT = 10000;

  function escapeHeader(v) {
    return String(v).replace(/\\/g, '\\\\').replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/:/g, '\\c');
  }
  function unescapeHeader(v) {
    return v.replace(/\\(.)/g, function (m, c) { return c === 'r' ? '\r' : c === 'n' ? '\n' : c === 'c' ? ':' : c; });
  }

  function Stomp(url) {
    this.url = url;
    this.subscriptions = {};
    this.receipts = {};
    this.count = 0;
    this.buffer = new Uint8Array(0);
    this.connected = false;
    this.onconnect = this.onclose = this.onerror = function () {};
  }

  Stomp.prototype.open = function () {
    var self = this;
    var ws = this.ws = new WebSocket(this.url);
    ws.binaryType = 'arraybuffer';
    ws.onopen = function () {
      self.transmit('CONNECT', { 'accept-version': '1.2', host: new URL(self.url).host, 'heart-beat': HEART_BEAT + ',' + HEART_BEAT });
    };
    ws.onmessage = function (e) {
      self.lastIn = Date.now();
      self.receive(typeof e.data === 'string' ? encoder.encode(e.data) : new Uint8Array(e.data));
    };
    ws.onclose = function (e) { self.drop(e.code); };
  };

  // Ends the connection at once, telling onclose exactly once (a dead socket's close handshake can take minutes).
  Stomp.prototype.drop = function (code) {
    if (!this.ws) { return; }
    var ws = this.ws;
    this.ws = null;
    this.connected = false;
    clearInterval(this.beatOut);
    clearInterval(this.beatIn);
    ws.onopen = ws.onmessage = ws.onclose = null;
    try { ws.close(); } catch (ignored) { /* already closed */ }
    this.onclose(code || 1006);
  };

  Stomp.prototype.close = function () {
    if (this.connected) { this.transmit('DISCONNECT', {}); }
    var onclose = this.onclose;
    this.onclose = function () {};
    this.drop(1000);
    this.onclose = onclose;
  };

  Stomp.prototype.transmit = function (command, headers, body) {
    var lines = [command];
    Object.keys(headers).forEach(function (name) {
      lines.push(command === 'CONNECT' ? name + ':' + headers[name] : escapeHeader(name) + ':' + escapeHeader(headers[name]));
    });
    if (this.ws && this.ws.readyState === 1) { this.ws.send(lines.join('\n') + '\n\n' + (body || '') + '\0'); }
  };

  Stomp.prototype.subscribe = function (destination, callback) {
    var id = 'sub-' + (++this.count);
    this.subscriptions[id] = callback;
    this.transmit('SUBSCRIBE', { id: id, destination: destination, ack: 'auto' });
    return id;
  };

  Stomp.prototype.send = function (destination, payload, onReceipt) {
    var body = JSON.stringify(payload || {});
    var headers = { destination: destination, 'content-type': 'application/json',
      'content-length': encoder.encode(body).length };
    if (onReceipt) {
      headers.receipt = 'r-' + (++this.count);
      this.receipts[headers.receipt] = onReceipt;
    }
    this.transmit('SEND', headers, body);
  };

  function indexOfBlankLine(buf, from) {
    for (var i = from; i < buf.length - 1; i++) {
      if (buf[i] === 10 && buf[i + 1] === 10) { return { end: i, body: i + 2 }; }
      if (buf[i] === 10 && buf[i + 1] === 13 && buf[i + 2] === 10) { return { end: i, body: i + 3 }; }
    }
    return null;
  }

  Stomp.prototype.receive = function (bytes) {
    var buf = new Uint8Array(this.buffer.length + bytes.length);
    buf.set(this.buffer);
    buf.set(bytes, this.buffer.length);
    var pos = 0;
    for (;;) {
      while (pos < buf.length && (buf[pos] === 10 || buf[pos] === 13)) { pos++; }
      var blank = indexOfBlankLine(buf, pos);
      if (!blank) { break; }
      var lines = decoder.decode(buf.subarray(pos, blank.end)).split(/\r?\n/);
      var command = lines.shift();
      var headers = {};
      lines.forEach(function (line) {
        var colon = line.indexOf(':');
        var name = command === 'CONNECTED' ? line.slice(0, colon) : unescapeHeader(line.slice(0, colon));
        if (colon > 0 && !(name in headers)) {
          headers[name] = command === 'CONNECTED' ? line.slice(colon + 1) : unescapeHeader(line.slice(colon + 1));
        }
      });
      var end = headers['content-length'] !== undefined ? blank.body + parseInt(headers['content-length'], 10)
        : buf.indexOf(0, blank.body);
      if (end < 0 || end >= buf.length) { break; }
      var body = decoder.decode(buf.subarray(blank.body, end));
      pos = end + 1;
      this.dispatch(command, headers, body);
      if (!this.ws) { return; }
    }
    this.buffer = buf.slice(pos);
  };

  Stomp.prototype.dispatch = function (command, headers, body) {
    var self = this;
    if (command === 'CONNECTED') {
      var beats = (headers['heart-beat'] || '0,0').split(',').map(Number);
      if (beats[1] > 0) {
        this.beatOut = setInterval(function () { if (self.ws && self.ws.readyState === 1) { self.ws.send('\n'); } },
          Math.max(HEART_BEAT, beats[1]));
      }
      if (beats[0] > 0) {
        var every = Math.max(HEART_BEAT, beats[0]);
        this.beatIn = setInterval(function () { if (Date.now() - self.lastIn > 2 * every) { self.drop(4000); } }, every);
      }
      this.connected = true;
      this.onconnect(headers);
    } else if (command === 'MESSAGE') {
      var callback = this.subscriptions[headers.subscription];
      var payload;
      try { payload = JSON.parse(body); } catch (e) { return; }
      if (callback) { callback(payload, headers); }
    } else if (command === 'RECEIPT') {
      var done = this.receipts[headers['receipt-id']];
      delete this.receipts[headers['receipt-id']];
      if (done) { done(); }
    } else if (command === 'ERROR') {
      this.onerror(headers.message || 'error', body);
    }
  };

  window.IntakeStomp = Stomp;
})();
