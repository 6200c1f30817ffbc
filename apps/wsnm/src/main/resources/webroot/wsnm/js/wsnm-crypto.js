/*
 * WSNM dashboard: the browser half of the web gateway's protocol (WebCrypto only).
 * Mirrors io.sereca.wsnm.enclave.web.LoginHandshake and FrameCipher; see docs/wsnm-dashboard.md.
 */
'use strict';
const WsnmCrypto = (() => {
  const LABEL = 'wsnm-web/1';
  const C2G = 1, G2C = 2, WINDOW = 1024;
  const enc = new TextEncoder(), dec = new TextDecoder();

  function b64(buf) {
    const b = new Uint8Array(buf);
    let s = '';
    for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
    return btoa(s);
  }
  function unb64(s) {
    return Uint8Array.from(atob(s), c => c.charCodeAt(0));
  }
  async function hkdfAesKey(z, salt, info) {
    const base = await crypto.subtle.importKey('raw', z, 'HKDF', false, ['deriveKey']);
    return crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt, info: enc.encode(info) },
      base, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  }
  function nonce(dir, seq) {
    const n = new Uint8Array(12);
    const v = new DataView(n.buffer);
    v.setUint32(0, dir);
    v.setBigUint64(4, BigInt(seq));
    return n;
  }
  function aad(sid, dir, seq) {
    return enc.encode(LABEL + ' ' + sid + ' ' + (dir === C2G ? 'c2g' : 'g2c') + ' ' + seq);
  }

  class GatewayError extends Error {
    constructor(code, message) { super(message); this.code = code; }
  }

  /** A logged-in session: seals requests, opens replies and pushes (each gateway frame once). */
  class Session {
    constructor(id, key) {
      this.id = id; this.key = key; this.nextSeq = 1;
      this.highest = -1; this.seen = new Set();
    }
    async seal(request) {
      const q = this.nextSeq++;
      const c = await crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce(C2G, q), additionalData: aad(this.id, C2G, q) },
        this.key, enc.encode(JSON.stringify(request)));
      return { s: this.id, q, c: b64(c) };
    }
    async open(frame) {
      if (!frame || frame.s !== this.id || !Number.isSafeInteger(frame.q) || typeof frame.c !== 'string') {
        throw new GatewayError(400, 'frame is not of this session');
      }
      const q = frame.q;
      if (q <= this.highest - WINDOW || this.seen.has(q)) throw new GatewayError(409, 'replayed frame ' + q);
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce(G2C, q), additionalData: aad(this.id, G2C, q) },
        this.key, unb64(frame.c));
      this.seen.add(q);
      if (q > this.highest) this.highest = q;
      if (this.seen.size > 2 * WINDOW) {
        for (const s of this.seen) if (s <= this.highest - WINDOW) this.seen.delete(s);
      }
      return JSON.parse(dec.decode(plain));
    }
  }

  async function json(resp) {
    let body;
    try { body = await resp.json(); } catch (e) { body = { error: 'HTTP ' + resp.status }; }
    if (!resp.ok) throw new GatewayError(resp.status, body.error || ('HTTP ' + resp.status));
    return body;
  }

  /** Logs in: ECDH with the gateway's key, credentials under the login key, session key after. */
  async function login(user, password) {
    if (!window.crypto || !crypto.subtle) {
      throw new GatewayError(0, 'WebCrypto is unavailable: open the dashboard over https or on 127.0.0.1');
    }
    const hello = await json(await fetch('api/hello', { cache: 'no-store' }));
    const gk = unb64(hello.gatewayKey), ch = unb64(hello.challenge);
    const pair = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
    const ck = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
    const gpub = await crypto.subtle.importKey('raw', gk, { name: 'ECDH', namedCurve: 'P-256' }, false, []);
    const z = await crypto.subtle.deriveBits({ name: 'ECDH', public: gpub }, pair.privateKey, 256);
    const ckB64 = b64(ck), gkB64 = b64(gk);
    const loginKey = await hkdfAesKey(z, ch, LABEL + ' login ' + ckB64 + ' ' + gkB64);
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const ct = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: enc.encode(LABEL + ' login ' + b64(ch)) },
      loginKey, enc.encode(JSON.stringify({ user, password })));
    const reply = await json(await fetch('api/login', {
      method: 'POST', headers: { 'content-type': 'application/json' }, cache: 'no-store',
      body: JSON.stringify({ v: 1, clientKey: ckB64, challenge: hello.challenge, iv: b64(iv), ct: b64(ct) })
    }));
    const key = await hkdfAesKey(z, ch, LABEL + ' session ' + reply.session + ' ' + ckB64 + ' ' + gkB64);
    const session = new Session(reply.session, key);
    const first = await session.open(reply.frame);
    if (first.re !== 0 || !first.ok) throw new GatewayError(500, 'the gateway did not confirm the session key');
    session.user = first.body.user;
    session.role = first.body.role;
    session.idleSeconds = first.body.idleSeconds;
    session.measurement = hello.measurement;
    return session;
  }

  return { login, Session, GatewayError, b64, unb64 };
})();
