// prewarm console: the action buttons. Status is rendered by the server; this file only adds the dialog,
// the calls to the JSON API (/v1/emergency/...) and progress. Served as a file: the page's CSP allows no inline script.
// The token lives in this tab's sessionStorage, is sent only in the Authorization header, never in a URL.
(function () {
  'use strict';
  var TOKEN = 'prewarm.console.token';
  var ACTOR = 'prewarm.console.actor';
  var POLL_MS = 1000;
  var POLL_TRIES = 30;

  function $(id) { return document.getElementById(id); }
  function stored(k) { try { return sessionStorage.getItem(k) || ''; } catch (e) { return ''; } }
  function store(k, v) { try { if (v) { sessionStorage.setItem(k, v); } else { sessionStorage.removeItem(k); } } catch (e) { /* private mode */ } }

  function randomKey() {
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    return 'console-' + Array.prototype.map.call(b, function (x) { return ('0' + x.toString(16)).slice(-2); }).join('');
  }

  function reveal(root) {
    Array.prototype.forEach.call(root.querySelectorAll('.js-only'), function (e) { e.hidden = false; });
  }

  function tokenState() {
    $('token-state').textContent = stored(TOKEN) ? 'A token is set for this tab.' : 'No token set: actions will ask for one.';
  }

  // ---- token form --------------------------------------------------------------------------------------------
  function setupToken() {
    $('actor-input').value = stored(ACTOR);
    $('token-form').addEventListener('submit', function (e) {
      e.preventDefault();
      var t = $('token-input').value.trim();
      if (t) { store(TOKEN, t); }
      store(ACTOR, $('actor-input').value.trim());
      $('token-input').value = '';
      tokenState();
    });
    $('token-forget').addEventListener('click', function () {
      store(TOKEN, '');
      tokenState();
    });
    tokenState();
  }

  // ---- the dialog --------------------------------------------------------------------------------------------
  var ctx = null;
  var LABEL = { 'freeze': 'Freeze', 'unfreeze': 'Unfreeze', 'scale-up': 'Scale up' };

  function open(article, action, opener) {
    var d = article.dataset;
    ctx = { env: d.environment, svc: d.service, action: action, opener: opener, article: article,
            key: randomKey(), count: parseInt(d.count, 10), max: parseInt(d.max, 10), live: d.liveCount === 'true' };
    var name = ctx.env + '/' + ctx.svc;
    $('dlg-title').textContent = LABEL[action] + ' ' + name;
    $('dlg-ok').textContent = LABEL[action] + ' ' + name;
    $('dlg-ok').className = action === 'unfreeze' ? 'primary' : 'danger';
    $('dlg-ok').disabled = false;
    $('dlg-error').textContent = '';
    $('dlg-reason').value = '';
    $('dlg-ttl').value = '';
    $('dlg-token').value = '';
    $('dlg-token-box').hidden = !!stored(TOKEN);
    $('dlg-count-box').hidden = action !== 'freeze';
    $('dlg-scale-box').hidden = action !== 'scale-up';
    $('dlg-ttl-box').hidden = action === 'unfreeze';
    if (action === 'freeze') {
      $('dlg-count').value = ctx.live ? '' : String(ctx.count);
      $('dlg-count').required = !ctx.live;
      $('dlg-count-help').textContent = ctx.live
        ? 'Leave empty to lock the count Prometheus reports now.'
        : 'serve cannot read the running count: check it and correct it (prefilled with the planned capacity now).';
      $('dlg-ttl-hint').textContent = '(optional: 90m, 2h, 1d; empty: until unfrozen)';
    }
    if (action === 'scale-up') {
      $('dlg-mode-step').checked = true;
      $('dlg-step').value = '+20%';
      $('dlg-target').value = '';
      $('dlg-current-box').hidden = ctx.live;
      $('dlg-current').value = ctx.live ? '' : String(ctx.count);
      modeChanged();
      $('dlg-ttl-hint').textContent = '(optional: 90m, 2h, 1d; empty: the default, 2h)';
    }
    describe();
    $('act-dialog').showModal();
    ($('dlg-token-box').hidden ? $('dlg-reason') : $('dlg-token')).focus();
  }

  function modeChanged() {
    var step = $('dlg-mode-step').checked;
    $('dlg-step').disabled = !step;
    $('dlg-current').disabled = !step;
    $('dlg-target').disabled = step;
    describe();
  }

  /** What confirming will do, in words, updated as the operator types. */
  function describe() {
    if (!ctx) { return; }
    var name = ctx.env + '/' + ctx.svc;
    var ttl = $('dlg-ttl').value.trim();
    var text;
    if (ctx.action === 'freeze') {
      var c = $('dlg-count').value.trim();
      text = 'Commits a freeze of ' + name + ' to the base branch: min = max = desired = '
        + (c ? c + ' instances' : 'the count Prometheus reports now')
        + ', and the plan stops changing it ' + (ttl ? 'for ' + ttl : 'until someone unfreezes it') + '.';
    } else if (ctx.action === 'unfreeze') {
      text = 'Commits the end of the freeze of ' + name + ': its planned schedule (or an emergency floor still in force) '
        + 'is restored.';
    } else if ($('dlg-mode-step').checked) {
      var cur = ctx.live ? 'the count Prometheus reports' : ($('dlg-current').value.trim() || 'the largest count the plan schedules');
      text = 'Commits an emergency floor for ' + name + ': ' + cur + ' ' + ($('dlg-step').value.trim() || '+20%')
        + ', for ' + (ttl || '2h') + ', never above the maximum of ' + ctx.max + ' or the safety cap.';
    } else {
      text = 'Commits an emergency floor of ' + ($('dlg-target').value.trim() || '?') + ' instances for ' + name
        + ', for ' + (ttl || '2h') + ', never above the maximum of ' + ctx.max + ' or the safety cap.';
    }
    $('dlg-what').textContent = text + ' A pipeline applies it when GitLab is configured.';
  }

  function close() {
    $('act-dialog').close();
  }

  var FIELDS = { reason: 'dlg-reason', count: 'dlg-count', ttl: 'dlg-ttl', step: 'dlg-step', target: 'dlg-target',
                 current: 'dlg-current', actor: 'actor-input' };

  function request() {
    var body = { reason: $('dlg-reason').value.trim() };
    var actor = stored(ACTOR);
    if (actor) { body.actor = actor; }
    var ttl = $('dlg-ttl').value.trim();
    if (ctx.action === 'unfreeze') {
      return { method: 'DELETE', url: '/v1/emergency/freeze/' + encodeURIComponent(ctx.env) + '/' + encodeURIComponent(ctx.svc), body: body };
    }
    body.environment = ctx.env;
    body.service = ctx.svc;
    if (ttl) { body.ttl = ttl; }
    if (ctx.action === 'freeze') {
      var c = $('dlg-count').value.trim();
      if (c) { body.count = Number(c); }
      return { method: 'POST', url: '/v1/emergency/freeze', body: body };
    }
    if ($('dlg-mode-step').checked) {
      body.step = $('dlg-step').value.trim() || '+20%';
      var current = $('dlg-current').value.trim();
      if (!ctx.live && current) { body.current = Number(current); }
    } else {
      body.target = Number($('dlg-target').value.trim());
    }
    return { method: 'POST', url: '/v1/emergency/scale-up', body: body };
  }

  function errorText(status, json, retryAfter) {
    var msg = (json && json.error) || 'no details';
    switch (status) {
      case 400: return '400 Bad request: ' + msg + '.';
      case 401: return '401 Unauthorized: ' + msg + '. Enter the API token again.';
      case 403: return '403 Forbidden: ' + msg + ' (this token lacks the scope or the service).';
      case 404: return '404 Not found: ' + msg + '.';
      case 409: return '409 Conflict: ' + msg + '.';
      case 413: return '413 Too large: ' + msg + '.';
      case 422: return '422 Invalid ' + ((json && json.field) || 'request') + ': ' + msg + '.';
      case 429: return '429 Too many requests: ' + msg + '.' + (retryAfter ? ' Retry after ' + retryAfter + ' s.' : '');
      case 503: return '503 Not applied: ' + msg + '. Nothing changed; confirm again to retry (same idempotency key).';
      default: return status + ': ' + msg + '.';
    }
  }

  function submit(e) {
    e.preventDefault();
    if (!ctx) { return; }
    var err = $('dlg-error');
    if (!$('dlg-token-box').hidden) {
      var t = $('dlg-token').value.trim();
      if (!t && !stored(TOKEN)) { err.textContent = 'Enter the API token.'; $('dlg-token').focus(); return; }
      if (t) { store(TOKEN, t); tokenState(); }
    }
    if (!$('dlg-reason').value.trim()) {
      err.textContent = 'Give a reason: it is recorded in the commit.';
      $('dlg-reason').focus();
      return;
    }
    var r = request();
    var sent = ctx;
    $('dlg-ok').disabled = true;
    err.textContent = '';
    fetch(r.url, {
      method: r.method,
      headers: { 'Content-Type': 'application/json', 'Authorization': 'Bearer ' + stored(TOKEN),
                 'Idempotency-Key': sent.key },
      body: JSON.stringify(r.body),
      credentials: 'omit',
      cache: 'no-store'
    }).then(function (resp) {
      return resp.json().catch(function () { return {}; }).then(function (json) {
        if (!resp.ok) {
          $('dlg-ok').disabled = false;
          err.textContent = errorText(resp.status, json, resp.headers.get('Retry-After'));
          if (resp.status === 401) {
            store(TOKEN, '');
            tokenState();
            $('dlg-token-box').hidden = false;
            $('dlg-token').focus();
          } else if (resp.status === 403) {
            $('dlg-token-box').hidden = false; // another token may have the scope; empty keeps the current one
          } else if (resp.status === 422 && json.field && FIELDS[json.field] && $(FIELDS[json.field])) {
            var f = $(FIELDS[json.field]);
            if (f.closest('dialog')) { f.focus(); }
          }
          return;
        }
        close();
        progress(sent, json);
      });
    }, function () {
      $('dlg-ok').disabled = false;
      err.textContent = 'Network error: serve did not answer, so nothing is known to have changed. Confirm again to retry.';
    });
  }

  // ---- progress ----------------------------------------------------------------------------------------------
  function li(list, text, cls) {
    var e = document.createElement('li');
    e.textContent = text;
    if (cls) { e.className = cls; }
    list.appendChild(e);
    return e;
  }

  function progress(sent, a) {
    var box = sent.article.querySelector('.progress');
    box.textContent = '';
    var list = document.createElement('ol');
    box.appendChild(list);
    var acc = li(list, LABEL[sent.action] + ' ' + sent.env + '/' + sent.svc + ': action ');
    var code = document.createElement('code');
    code.className = 'action-id';
    code.textContent = a.id || '?';
    acc.appendChild(code);
    acc.appendChild(document.createTextNode(' ' + (a.status || '') + (a.message ? ': ' + a.message : '')));
    if (a.commit) {
      var c = li(list, 'Committed and pushed: ');
      var cc = document.createElement('code');
      cc.className = 'commit';
      cc.textContent = a.commit.substring(0, 12);
      cc.title = a.commit;
      c.appendChild(cc);
    } else {
      li(list, 'No commit: nothing needed to change.');
    }
    var p = a.pipeline || {};
    var pl = li(list, 'Pipeline: ' + (p.status || 'none') + (p.id ? ' #' + p.id : '') + (p.message ? ' (' + p.message + ')' : ''));
    pl.className = 'pipeline';
    if (p.webUrl && /^https?:\/\//.test(p.webUrl)) {
      var link = document.createElement('a');
      link.href = p.webUrl;
      link.rel = 'noreferrer';
      link.textContent = ' open';
      pl.appendChild(link);
    }
    if (!a.commit) { refresh(sent, list); return; }
    var wait = li(list, 'Waiting for the status to show it…');
    poll(sent, a, wait, list, 0);
  }

  function reflected(sent, a, active) {
    var mine = active.filter(function (e) { return e.environment === sent.env && e.service === sent.svc; });
    if (sent.action === 'unfreeze') {
      return !mine.some(function (e) { return e.kind === 'freeze'; });
    }
    return mine.some(function (e) { return e.id === a.id; });
  }

  function poll(sent, a, wait, list, n) {
    fetch('/v1/emergency', { cache: 'no-store', credentials: 'omit' }).then(function (r) { return r.json(); })
      .then(function (json) {
        if (reflected(sent, a, json.active || [])) {
          wait.textContent = 'Status shows it.';
          wait.className = 'done';
          refresh(sent, list);
        } else if (n < POLL_TRIES) {
          setTimeout(function () { poll(sent, a, wait, list, n + 1); }, POLL_MS);
        } else {
          wait.textContent = 'The status does not show it yet; reload the page later.';
        }
      }, function () {
        wait.textContent = 'Could not read the status; reload the page.';
      });
  }

  /** Re-renders the service from the server's page, keeping the progress list, and puts focus on its next action. */
  function refresh(sent, list) {
    fetch('/console', { cache: 'no-store', credentials: 'omit' }).then(function (r) { return r.text(); }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, 'text/html');
      var fresh = doc.getElementById(sent.article.id);
      if (!fresh) { return; }
      var focusWasInside = sent.article.contains(document.activeElement) || document.activeElement === document.body;
      fresh = document.importNode(fresh, true);
      fresh.querySelector('.progress').appendChild(list);
      reveal(fresh);
      sent.article.replaceWith(fresh);
      if (focusWasInside) {
        var next = fresh.querySelector('button.act:not([disabled])');
        if (next) { next.focus(); }
      }
    });
  }

  function setup() {
    reveal(document);
    setupToken();
    document.addEventListener('click', function (e) {
      var b = e.target.closest('button.act');
      if (b && !b.disabled) { open(b.closest('article'), b.dataset.action, b); }
    });
    $('dlg-form').addEventListener('submit', submit);
    $('dlg-form').addEventListener('input', describe);
    $('dlg-mode-step').addEventListener('change', modeChanged);
    $('dlg-mode-target').addEventListener('change', modeChanged);
    $('dlg-cancel').addEventListener('click', close);
    $('act-dialog').addEventListener('close', function () {
      if (ctx && ctx.opener && document.body.contains(ctx.opener)) { ctx.opener.focus(); }
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', setup);
  } else {
    setup();
  }
})();
