/* WSNM operators' dashboard: views, polling, pushed alarms, acknowledgements. */
'use strict';
(() => {
  const $ = id => document.getElementById(id);
  const el = (tag, attrs, text) => {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => { if (v !== undefined && v !== null) e.setAttribute(k, v); });
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  };
  const ACTIVE = ['ACTIVE_UNACK', 'ACTIVE_ACK', 'RTN_UNACK'];
  const RANK = { critical: 4, high: 3, medium: 2, low: 1 };
  const ROLE_RANK = { viewer: 0, operator: 1, engineer: 2 };
  const state = { session: null, bus: null, catalog: null, latest: new Map(), alarms: new Map(), timers: [],
    dam: null, range: '1h', charts: [], lastChart: 0 };

  function toast(text) {
    const t = $('toast');
    t.textContent = text; t.dataset.show = 'true';
    clearTimeout(toast.timer); toast.timer = setTimeout(() => { t.dataset.show = 'false'; }, 3500);
  }
  const fmt = (v, d) => (typeof v === 'number' ? v.toFixed(d === undefined ? 2 : d) : '–');
  const ago = ms => { const s = Math.round((Date.now() - ms) / 1000); return s < 120 ? s + ' s ago' : Math.round(s / 60) + ' min ago'; };
  const damName = id => { const d = state.catalog && state.catalog.dams.find(x => x.id === id); return d ? d.name : id; };
  const unit = ch => { const c = state.catalog && state.catalog.channels.find(x => x.id === ch); return c ? c.unit : ''; };
  const may = role => ROLE_RANK[state.session.role] >= ROLE_RANK[role];

  async function rpc(op, params, timeoutMs) {
    const s = state.session;
    if (!s || !state.bus) throw new WsnmCrypto.GatewayError(0, 'not logged in');
    const frame = await s.seal(Object.assign({ op }, params || {}));
    let reply;
    try {
      reply = await state.bus.request('wsnm.web.rpc', frame, timeoutMs);
    } catch (e) {
      if (e.code === 401) loggedOut(e.message);
      throw e;
    }
    const p = await s.open(reply);
    if (p.re !== frame.q) throw new WsnmCrypto.GatewayError(500, 'answer does not belong to this request');
    if (!p.ok) throw new WsnmCrypto.GatewayError(p.code, p.error);
    return p.body;
  }

  // ---- login / logout ----
  async function login(ev) {
    ev.preventDefault();
    $('login-error').textContent = '';
    $('login-submit').disabled = true;
    try {
      const s = await WsnmCrypto.login($('login-user').value.trim(), $('login-password').value);
      $('login-password').value = '';
      const bus = new WsnmBus('eventbus');
      await bus.connect();
      state.session = s; state.bus = bus;
      bus.onclose = () => { setConn(false); if (state.session) setTimeout(reconnect, 2000); };
      bus.register('wsnm.web.push.' + s.id, pushed);
      setConn(true);
      $('whoami').textContent = s.user + ' (' + s.role + ')';
      $('whoami').dataset.role = s.role;
      $('login-view').hidden = true; $('topbar').hidden = false;
      startPolling();
      route();
    } catch (e) {
      $('login-error').textContent = e.message || String(e);
    } finally {
      $('login-submit').disabled = false;
    }
  }
  async function reconnect() {
    if (!state.session) return;
    const bus = new WsnmBus('eventbus');
    try {
      await bus.connect();
      state.bus = bus;
      bus.onclose = () => { setConn(false); if (state.session) setTimeout(reconnect, 2000); };
      bus.register('wsnm.web.push.' + state.session.id, pushed);
      setConn(true);
    } catch (e) { setTimeout(reconnect, 4000); }
  }
  function setConn(up) {
    $('conn-status').dataset.state = up ? 'online' : 'offline';
    $('conn-status').textContent = up ? 'live' : 'offline';
  }
  async function logout() {
    const s = state.session;
    if (s) {
      try {
        const frame = await s.seal({ op: 'logout' });
        await fetch('api/logout', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(frame) });
      } catch (e) { /* the session expires on its own */ }
    }
    loggedOut('Logged out.');
  }
  function loggedOut(message) {
    state.timers.forEach(clearInterval); state.timers = [];
    if (state.bus) state.bus.close();
    state.session = null; state.bus = null; state.alarms.clear(); state.latest.clear();
    $('topbar').hidden = true; $('overview-view').hidden = true; $('dam-view').hidden = true;
    $('login-view').hidden = false; $('login-error').textContent = message || '';
  }

  // ---- data ----
  function startPolling() {
    const every = (ms, f) => { f(); state.timers.push(setInterval(f, ms)); };
    every(2000, pollLatest);
    every(15000, pollAlarms);
    every(10000, pollQuality);
    every(15000, () => { if (state.dam && state.range === '1h') loadCharts(); });
  }
  async function pollLatest() {
    try {
      const body = await rpc('latest');
      (body.dams || []).forEach(d => state.latest.set(d.dam, d));
      renderOverview(); renderQuality(); renderLive();
    } catch (e) { if (e.code !== 401) console.warn('latest', e.message); }
  }
  async function pollAlarms() {
    try {
      const body = await rpc('alarms');
      state.alarms.clear();
      (body.alarms || []).forEach(a => state.alarms.set(a.id, a));
      renderAlarms(); renderOverview();
    } catch (e) { if (e.code !== 401) console.warn('alarms', e.message); }
  }
  async function pollQuality() {
    try { $('quality-report').textContent = JSON.stringify(await rpc('quality'), null, 1); }
    catch (e) { $('quality-report').textContent = 'unavailable: ' + e.message; }
  }
  async function pushed(frame) {
    let p;
    try { p = await state.session.open(frame); } catch (e) { console.warn('push refused', e.message); return; }
    if (p.push !== 'alarm' || !p.body || !p.body.id) return;
    const a = p.body, before = state.alarms.get(a.id);
    if (a.state === 'NORMAL') state.alarms.delete(a.id); else state.alarms.set(a.id, a);
    if (!before && a.state === 'ACTIVE_UNACK') toast('New ' + a.priority + ' alarm: ' + damName(a.dam) + ' ' + (a.channel || ''));
    renderAlarms(); renderOverview(); renderLive();
  }

  // ---- overview ----
  function worst(dam) {
    let w = null;
    for (const a of state.alarms.values()) {
      if (a.dam === dam && ACTIVE.includes(a.state) && (!w || (RANK[a.priority] || 0) > (RANK[w] || 0))) w = a.priority;
    }
    return w;
  }
  function renderOverview() {
    const grid = $('dam-grid');
    state.catalog.dams.forEach(d => {
      let card = grid.querySelector('[data-dam="' + d.id + '"]');
      if (!card) {
        card = el('div', { class: 'dam-card', 'data-dam': d.id, id: 'dam-card-' + d.id, tabindex: '0' });
        card.append(el('h3', {}, d.name), el('div', { class: 'level' }), el('div', { class: 'sev' }), el('div', { class: 'small scan' }));
        card.addEventListener('click', () => { location.hash = '#/dam/' + d.id; });
        grid.append(card);
      }
      const scan = state.latest.get(d.id), sev = worst(d.id);
      const level = scan && (scan.readings || []).find(r => r[0] === 'RESERVOIR_LEVEL');
      card.dataset.severity = sev || 'normal';
      card.querySelector('.level').textContent = level ? fmt(level[1]) + ' m' : '–';
      const n = Array.from(state.alarms.values()).filter(a => a.dam === d.id && ACTIVE.includes(a.state)).length;
      card.querySelector('.sev').textContent = sev ? sev + ' (' + n + ')' : 'no active alarm';
      const stale = !scan || Date.now() - scan.collectedAt > 300e3;
      card.dataset.stale = String(stale);
      card.querySelector('.scan').textContent = scan ? 'scan ' + scan.scan + ', ' + ago(scan.collectedAt) : 'no data yet';
    });
  }
  function renderAlarms() {
    const body = $('alarm-list');
    const list = Array.from(state.alarms.values()).filter(a => a.state !== 'NORMAL')
      .sort((a, b) => (RANK[b.priority] || 0) - (RANK[a.priority] || 0) || (b.raisedAt || 0) - (a.raisedAt || 0));
    const focused = document.activeElement && document.activeElement.closest && document.activeElement.closest('#alarm-list');
    if (focused) return; // do not redraw under someone typing a comment
    body.textContent = '';
    list.forEach(a => {
      const tr = el('tr', { 'data-alarm-id': a.id, 'data-state': a.state, 'data-priority': a.priority });
      tr.append(el('td', {}, a.priority), el('td', {}, damName(a.dam)), el('td', {}, a.channel || ''),
        el('td', { class: 'state' }, a.state), el('td', {}, a.message || a.rule || ''), el('td', {}, fmt(a.value)),
        el('td', {}, a.raisedAt ? new Date(a.raisedAt).toLocaleTimeString() : ''),
        el('td', { class: 'acked' }, a.ackedBy ? a.ackedBy + ': ' + (a.comment || '') : ''));
      const act = el('td', { class: 'actions' });
      if (may('operator') && /_UNACK$/.test(a.state)) {
        const c = el('input', { class: 'ack-comment', 'data-alarm-id': a.id, placeholder: 'comment (required)', maxlength: '500' });
        const b = el('button', { type: 'button', 'data-action': 'ack', 'data-alarm-id': a.id }, 'Acknowledge');
        b.addEventListener('click', () => command('ack', a.id, c));
        act.append(c, b);
      }
      if (may('engineer') && a.state !== 'SHELVED') {
        const c = el('input', { class: 'shelve-comment', 'data-alarm-id': a.id, placeholder: 'reason', maxlength: '500' });
        const m = el('select', { class: 'shelve-minutes' });
        [30, 60, 240, 1440].forEach(x => m.append(el('option', { value: String(x) }, x + ' min')));
        const b = el('button', { type: 'button', 'data-action': 'shelve', 'data-alarm-id': a.id }, 'Shelve');
        b.addEventListener('click', () => command('shelve', a.id, c, Number(m.value)));
        act.append(c, m, b);
      }
      if (may('engineer') && a.state === 'SHELVED') {
        const b = el('button', { type: 'button', 'data-action': 'unshelve', 'data-alarm-id': a.id }, 'Unshelve');
        b.addEventListener('click', () => command('unshelve', a.id, { value: 'unshelved from the dashboard' }));
        act.append(b);
      }
      tr.append(act);
      body.append(tr);
    });
    const active = list.filter(a => ACTIVE.includes(a.state)).length;
    $('alarm-count').textContent = String(active); $('alarm-count').dataset.count = String(active);
    $('alarm-empty').hidden = list.length > 0;
  }
  async function command(op, id, commentInput, minutes) {
    const comment = (commentInput.value || '').trim();
    if (!comment) { toast('A comment is required to ' + op + ' an alarm.'); return; }
    try {
      const body = await rpc(op, minutes ? { id, comment, minutes } : { id, comment });
      if (body && body.alarm) state.alarms.set(id, body.alarm);
      if (document.activeElement) document.activeElement.blur();
      toast(op === 'ack' ? 'Alarm acknowledged.' : 'Alarm ' + op + 'd.');
      renderAlarms(); renderOverview();
      pollAlarms();
    } catch (e) { toast(op + ' failed: ' + e.message); }
  }
  function renderQuality() {
    const body = $('quality-list');
    body.textContent = '';
    state.catalog.dams.forEach(d => {
      const s = state.latest.get(d.id);
      const tr = el('tr', { 'data-dam': d.id });
      if (!s) { tr.append(el('td', {}, d.name), el('td', { colspan: '4' }, 'no scan received')); body.append(tr); return; }
      const bad = (s.readings || []).filter(r => r[2] !== 0 || r[3] > 600).map(r => r[0] + (r[2] !== 0 ? ' (q' + r[2] + ')' : ' (' + r[3] + ' s old)'));
      const volts = s.batteryMv / 1000;
      tr.dataset.stale = String(bad.length > 0);
      tr.append(el('td', {}, d.name), el('td', {}, '#' + s.scan + ', ' + ago(s.collectedAt)),
        el('td', { class: volts < 11.8 ? 'warn' : '' }, fmt(volts) + ' V'), el('td', {}, fmt(s.loggerTempC, 1) + ' °C'),
        el('td', { class: 'channels' }, bad.length === 0 ? 'all good'
          : bad.length > 3 ? bad.length + ' channels: ' + bad.slice(0, 2).join(', ') + ', …' : bad.join(', ')));
      body.append(tr);
    });
  }

  // ---- dam page ----
  function renderLive() {
    if (!state.dam) return;
    const s = state.latest.get(state.dam), body = $('dam-live').tBodies[0];
    body.textContent = '';
    if (s) {
      $('dam-scan').textContent = 'scan #' + s.scan + ', ' + ago(s.collectedAt);
      (s.readings || []).forEach(r => {
        const tr = el('tr', { 'data-channel': r[0], 'data-quality': String(r[2]) });
        tr.append(el('td', {}, r[0]), el('td', {}, fmt(r[1])), el('td', {}, unit(r[0])),
          el('td', {}, ['GOOD', 'SUSPECT', 'BAD', 'NOT MEASURED'][r[2]] || r[2]), el('td', {}, r[3] + ' s'));
        body.append(tr);
      });
    }
    const ul = $('dam-alarms');
    ul.textContent = '';
    Array.from(state.alarms.values()).filter(a => a.dam === state.dam)
      .forEach(a => ul.append(el('li', { 'data-alarm-id': a.id }, a.priority + ' ' + a.state + ': ' + (a.channel || '') + ' ' + (a.message || ''))));
  }
  async function series(channels, from, to) {
    const trend = to - from > 6 * 3600e3;
    $('range-source').textContent = trend ? 'from the storage archiver (bucketed trend: average per bucket)' : 'from the cache archiver (raw scans)';
    return Promise.all(channels.map(async ch => {
      try {
        const body = trend
          ? await rpc('trend', { dam: state.dam, channel: ch, from, to, buckets: 300 })
          : await rpc('window', { dam: state.dam, channel: ch, from, to });
        return (body.points || []).map(p => trend ? [p[0], p[2]] : [p[0], p[1]]);
      } catch (e) { console.warn(ch, e.message); return []; }
    }));
  }
  async function loadCharts() {
    const dam = state.dam, d = state.catalog.dams.find(x => x.id === dam);
    const to = Date.now(), from = to - WsnmCharts.RANGES[state.range];
    const levels = ['RESERVOIR_LEVEL', 'PIEZOMETER_1', 'PIEZOMETER_2', 'PIEZOMETER_3', 'PIEZOMETER_4'];
    const flows = ['INFLOW', 'OUTFLOW', 'SPILLWAY_DISCHARGE'];
    const seep = ['SEEPAGE_FLOW', 'SEEPAGE_TURBIDITY'];
    const [a, b, c] = await Promise.all([series(levels, from, to), series(flows, from, to), series(seep, from, to)]);
    if (state.dam !== dam) return;
    state.charts.forEach(ch => ch.destroy()); state.charts = [];
    const bands = [
      { from: d.maxLevel, to: d.crest + 10, color: 'rgba(228, 87, 46, .14)', line: d.crest, lineColor: '#b3001b' },
      { from: d.minLevel - 60, to: d.minLevel, color: 'rgba(240, 162, 2, .14)', line: d.minLevel, lineColor: '#b57b00' }];
    state.charts.push(WsnmCharts.draw($('chart-levels'), levels.map(l => ({ label: l, unit: 'm' })), WsnmCharts.align(a), bands, [d.minLevel - 2, d.maxLevel + 1]));
    state.charts.push(WsnmCharts.draw($('chart-flows'), flows.map(l => ({ label: l, unit: 'm³/s' })), WsnmCharts.align(b)));
    state.charts.push(WsnmCharts.draw($('chart-seepage'), [{ label: 'SEEPAGE_FLOW', unit: 'l/s' }, { label: 'SEEPAGE_TURBIDITY', unit: 'NTU', axis: 'y2' }], WsnmCharts.align(c)));
    $('dam-view').dataset.chartsLoaded = String(Date.now());
  }
  function showDam(id) {
    state.dam = id;
    $('dam-view').dataset.dam = id;
    $('dam-title').textContent = damName(id) + ' (SIMULATED)';
    $('overview-view').hidden = true; $('dam-view').hidden = false;
    document.querySelectorAll('#range-presets button').forEach(b => { b.dataset.active = String(b.dataset.range === state.range); });
    renderLive();
    loadCharts();
  }
  function route() {
    if (!state.session) return;
    const m = /^#\/dam\/([A-Z_]+)$/.exec(location.hash);
    if (m && state.catalog.dams.some(d => d.id === m[1])) { showDam(m[1]); return; }
    state.dam = null;
    $('dam-view').hidden = true; $('overview-view').hidden = false;
    renderOverview(); renderAlarms(); renderQuality();
  }

  async function init() {
    const resp = await fetch('api/catalog');
    state.catalog = await resp.json();
    const nav = $('nav-dams');
    state.catalog.dams.forEach(d => nav.append(el('a', { href: '#/dam/' + d.id, 'data-dam': d.id }, d.name)));
    $('login-form').addEventListener('submit', login);
    $('logout-button').addEventListener('click', logout);
    document.querySelectorAll('#range-presets button').forEach(b => b.addEventListener('click', () => {
      state.range = b.dataset.range;
      document.querySelectorAll('#range-presets button').forEach(x => { x.dataset.active = String(x === b); });
      loadCharts();
    }));
    window.addEventListener('hashchange', route);
    document.body.dataset.ready = 'true';
  }
  init();
})();
