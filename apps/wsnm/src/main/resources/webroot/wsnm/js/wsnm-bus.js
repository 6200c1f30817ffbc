/*
 * WSNM dashboard: a small client of the Vert.x SockJS event-bus bridge (the JSON frames of
 * vertx-eventbus.js: send / register / ping; rec / err), over SockJS from its WebJar.
 */
'use strict';
class WsnmBus {
  constructor(url) {
    this.url = url; this.handlers = new Map(); this.replies = new Map();
    this.onclose = null; this.onerror = null; this.open = false;
  }
  connect() {
    return new Promise((resolve, reject) => {
      this.sock = new SockJS(this.url, null, { transports: ['websocket', 'xhr-streaming', 'xhr-polling'] });
      this.sock.onopen = () => {
        this.open = true;
        this.pinger = setInterval(() => this.raw({ type: 'ping' }), 5000);
        resolve();
      };
      this.sock.onclose = () => {
        const was = this.open;
        this.open = false;
        clearInterval(this.pinger);
        for (const r of this.replies.values()) { clearTimeout(r.timer); r.reject(new WsnmCrypto.GatewayError(0, 'connection closed')); }
        this.replies.clear();
        if (!was) reject(new Error('cannot connect to the event-bus bridge'));
        else if (this.onclose) this.onclose();
      };
      this.sock.onmessage = e => this.receive(JSON.parse(e.data));
    });
  }
  raw(frame) {
    if (this.open) this.sock.send(JSON.stringify(frame));
  }
  request(address, body, timeoutMs) {
    const ms = timeoutMs || 25000;
    return new Promise((resolve, reject) => {
      if (!this.open) { reject(new WsnmCrypto.GatewayError(0, 'not connected')); return; }
      const replyAddress = crypto.randomUUID(); // the bridge refuses reply addresses over 36 characters
      const timer = setTimeout(() => {
        this.replies.delete(replyAddress);
        reject(new WsnmCrypto.GatewayError(504, 'no answer within ' + (ms / 1000) + ' s'));
      }, ms);
      this.replies.set(replyAddress, { resolve, reject, timer });
      this.raw({ type: 'send', address, body, headers: {}, replyAddress });
    });
  }
  register(address, handler) {
    this.handlers.set(address, handler);
    this.raw({ type: 'register', address, headers: {} });
  }
  receive(m) {
    const pending = m.address ? this.replies.get(m.address) : null;
    if (m.type === 'err') {
      if (pending) {
        clearTimeout(pending.timer);
        this.replies.delete(m.address);
        pending.reject(new WsnmCrypto.GatewayError(m.failureCode || 500, m.message || 'request failed'));
      } else if (this.onerror) {
        this.onerror(m);
      }
    } else if (m.type === 'rec') {
      if (pending) {
        clearTimeout(pending.timer);
        this.replies.delete(m.address);
        pending.resolve(m.body);
      } else if (this.handlers.has(m.address)) {
        this.handlers.get(m.address)(m.body);
      }
    }
  }
  close() {
    this.onclose = null;
    if (this.sock) this.sock.close();
  }
}
