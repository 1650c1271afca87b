/* Saying so when a page can no longer save.
 *
 * A page saves through its kernel. When the kernel stops (an idle cull, a crash, a restart) or
 * the connection to it goes, nothing the person types is saved, and the kernel cannot say so:
 * this script, in the page itself, watches the page's kernel connection and then shows a banner
 * ("Not connected — your last change was not saved"), marks the save state as not saved, and
 * offers to reload keeping the text on screen: the text boxes' content is kept in this tab's
 * sessionStorage and offered back, field by field, once the page is open again.
 *
 * It wraps the browser's WebSocket before Voilà opens the kernel's channel (this script runs in
 * the page's head), and listens: a closed channel, or the server saying the kernel is
 * restarting or dead. No network use, no library.
 *
 * A page that cannot open says so too, with a way forward, instead of staying blank: the
 * notebook's cell raised, the kernel died while the page was built, the page arrived cut short,
 * or the page's kernel was gone before the page reached it (Voilà then shows "Loading widget..."
 * for ever). It reads the page's outputs as they arrive and Voilà's own look-up of the kernel.
 */
(function () {
  'use strict';

  var STORE_KEY = 'auditlib-unsaved:' + location.pathname + location.search;
  var KERNEL_CHANNEL = /\/api\/kernels\/[^/?]+\/channels/;
  var KERNEL_GONE = /"execution_state"\s*:\s*"(restarting|autorestarting|dead)"/;
  var lost = false;
  var leaving = false;

  window.addEventListener('beforeunload', function () { leaving = true; });
  window.addEventListener('pagehide', function () { leaving = true; });

  // -- watching the kernel's channel

  var decoder = window.TextDecoder ? new TextDecoder() : null;

  function text(data) {
    if (typeof data === 'string') { return data; }
    if (decoder && data instanceof ArrayBuffer) {
      // a status message is short: its start says all
      return decoder.decode(new Uint8Array(data, 0, Math.min(data.byteLength, 4096)));
    }
    return '';
  }

  var Native = window.WebSocket;
  if (Native) {
    var Watched = function (url, protocols) {
      var socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
      if (KERNEL_CHANNEL.test(String(url))) {
        var opened = false;
        socket.addEventListener('open', function () { opened = true; });
        socket.addEventListener('message', function (event) {
          var words = text(event.data);
          if (words.indexOf('"status"') !== -1 && KERNEL_GONE.test(words)) {
            connectionLost();
          }
        });
        socket.addEventListener('close', function () {
          if (leaving) { return; }
          // never connected: the page's kernel was gone before the page could reach it
          if (opened) { connectionLost(); } else { cannotOpen(); }
        });
      }
      return socket;
    };
    Watched.prototype = Native.prototype;
    ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'].forEach(function (name) {
      Watched[name] = Native[name];
    });
    window.WebSocket = Watched;
  }

  // Voilà looks the page's kernel up before it connects; a kernel already gone (404) left the
  // page showing "Loading widget..." with no channel to watch
  var KERNEL_MODEL = /\/api\/kernels\/[0-9a-f-]{36}(\?|$)/;
  var nativeFetch = window.fetch;
  if (nativeFetch) {
    window.fetch = function (input, init) {
      var url = String(input && input.url ? input.url : input);
      var method = String((init && init.method) || (input && input.method) || 'GET');
      var answer = nativeFetch.apply(this, arguments);
      if (KERNEL_MODEL.test(url) && method.toUpperCase() === 'GET') {
        answer.then(function (response) {
          if (response.status === 404 && !leaving) { cannotOpen(); }
        }, function () {
          if (!leaving) { cannotOpen(); }
        });
      }
      return answer;
    };
  }

  // -- saying so

  var failed = false;

  // The page's outputs, as Voilà sent them (each output in a script Voilà's script later draws),
  // and whether the page arrived whole: an error (the cell raised), words on stderr (Voilà's
  // own "An exception occurred at the server", when the kernel died as the page was built;
  // warnings are stripped from the outputs) or no Voilà script at the end (cut short).
  function checkArrived() {
    if (!document.querySelector('script[src$="/voila.js"]')) {
      cannotOpen();
      return;
    }
    if (document.querySelector('#rendered_cells [data-mime-type="application/vnd.jupyter.stderr"]')) {
      cannotOpen();  // already drawn by Voilà's script
      return;
    }
    var outputs = document.querySelectorAll(
      'script[type="application/vnd.voila.cell-output+json"]');
    for (var i = 0; i < outputs.length; i++) {
      var output;
      try {
        output = JSON.parse(outputs[i].textContent);
      } catch (e) {
        continue;
      }
      if (output.output_type === 'error' ||
          (output.output_type === 'stream' && output.name === 'stderr')) {
        cannotOpen();
        return;
      }
    }
  }

  function cannotOpen() {
    if (failed) { return; }
    failed = true;
    lost = true;  // one message: this one
    var look = document.createElement('style');
    // GOV.UK's focus: the page's own styles come with its widgets, which never came
    look.textContent = '.aw-cannot-open button:focus { outline: 3px solid #fd0;' +
      'outline-offset: 0; background: #fd0 !important; color: #0b0c0c !important;' +
      'box-shadow: 0 4px #0b0c0c; }';
    document.head.appendChild(look);
    var box = document.createElement('div');
    box.className = 'aw-cannot-open';
    box.setAttribute('role', 'alert');
    box.style.cssText = 'max-width: 40rem; margin: 2rem auto; padding: 1rem 1.25rem;' +
      'font-family: Arial, sans-serif; color: #0b0c0c; background: #fff;' +
      'border: 5px solid #d4351c;';
    var heading = document.createElement('h1');
    heading.textContent = 'Sorry, this page could not be opened';
    heading.setAttribute('tabindex', '-1');
    heading.style.cssText = 'font-size: 1.6rem; margin: 0 0 .75rem;';
    box.appendChild(heading);
    [
      'Something went wrong while the page was being prepared. Everything saved before is ' +
        'still saved.',
      'Reload the page to try again. If this keeps happening, tell the person who looks ' +
        'after auditlib for your team.'
    ].forEach(function (words) {
      var p = document.createElement('p');
      p.textContent = words;
      p.style.cssText = 'font-size: 1.1rem; margin: 0 0 .75rem;';
      box.appendChild(p);
    });
    var reload = button('Reload the page', function () { location.reload(); });
    reload.className = 'aw-cannot-open-reload';
    reload.style.background = '#00703c';
    reload.style.borderColor = '#00703c';
    reload.style.fontSize = '1.1rem';
    box.appendChild(reload);
    // in place of the spinner and of whatever Voilà could show (an error in Voilà's words)
    var spinner = document.getElementById('loading');
    if (spinner) { spinner.parentNode.removeChild(spinner); }
    var main = document.getElementById('rendered_cells');
    if (main) {
      Array.prototype.forEach.call(main.children, function (child) {
        child.setAttribute('hidden', '');
      });
      main.style.display = '';
      main.insertBefore(box, main.firstChild);
    } else {
      document.body.appendChild(box);
    }
    document.title = 'Page could not be opened \u2014 ' + document.title;
    // focus on the message, read out first; Voilà's script may yet move the page's content into
    // its layout, which drops focus: take it again, until the person does something
    heading.focus();
    var keep = new MutationObserver(function () {
      if (box.isConnected && (!document.activeElement || document.activeElement === document.body)) {
        heading.focus();
      }
    });
    keep.observe(document.body, {childList: true, subtree: true});
    ['keydown', 'mousedown', 'touchstart'].forEach(function (kind) {
      document.addEventListener(kind, function () { keep.disconnect(); }, {once: true});
    });
  }

  function markNotSaved() {
    var boxes = document.querySelectorAll('.aw-save-status, .aw-mod-status');
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.getAttribute('data-aw-offline') === box.textContent) { continue; }
      box.innerHTML = '<p class="aw-status aw-status-error" role="status">' +
        'Not saved: not connected. Your last change was not saved.</p>';
      box.setAttribute('data-aw-offline', box.textContent);
    }
  }

  function button(words, onClick) {
    var b = document.createElement('button');
    b.type = 'button';
    b.textContent = words;
    b.style.cssText = 'margin: .25rem .5rem .25rem 0; padding: .35rem .8rem; font: inherit;' +
      'color: #fff; background: #0b0c0c; border: 2px solid #fff; cursor: pointer;';
    b.addEventListener('click', onClick);
    return b;
  }

  function connectionLost() {
    if (lost) { return; }
    lost = true;
    document.body.classList.add('aw-disconnected');
    var banner = document.createElement('div');
    banner.className = 'aw-offline';
    banner.setAttribute('role', 'alert');
    banner.style.cssText = 'position: fixed; top: 0; left: 0; right: 0; z-index: 10000;' +
      'padding: .75rem 1rem; background: #d4351c; color: #fff; font-size: 1.1rem;' +
      'border-bottom: 4px solid #0b0c0c;';
    var words = document.createElement('p');
    words.style.margin = '0 0 .25rem 0';
    words.innerHTML = '<strong>Not connected</strong> \u2014 your last change was not saved. ' +
      'Copy anything you typed, then reload.';
    banner.appendChild(words);
    banner.appendChild(button('Reload, keeping what I typed', function () {
      keepTyped();
      location.reload();
    }));
    document.body.appendChild(banner);
    document.title = 'Not connected \u2014 ' + document.title;
    markNotSaved();
    // the page's widgets may draw the save state again: it stays "not saved"
    new MutationObserver(markNotSaved).observe(document.body, {
      childList: true, subtree: true, characterData: true});
  }

  // -- keeping what was typed over a reload

  function fields() {
    // every text box of the page, named by its widget's aw- classes and its place among them
    var out = [];
    var seen = {};
    var boxes = document.querySelectorAll(
      '#rendered_cells textarea, #rendered_cells input[type=text]');
    for (var i = 0; i < boxes.length; i++) {
      var input = boxes[i];
      var widget = input.closest('.widget-textarea, .widget-text') || input.parentElement;
      var names = Array.prototype.filter.call(widget.classList, function (c) {
        return c.indexOf('aw-') === 0;
      }).sort().join('.');
      if (!names) { continue; }
      seen[names] = (seen[names] || 0) + 1;
      var label = widget.querySelector('label');
      out.push({key: names + '#' + seen[names], input: input,
                label: label ? label.textContent.trim() : names});
    }
    return out;
  }

  function keepTyped() {
    var kept = fields().filter(function (f) { return f.input.value.trim() !== ''; })
      .map(function (f) { return {key: f.key, label: f.label, text: f.input.value}; });
    try {
      sessionStorage.setItem(STORE_KEY, JSON.stringify(kept));
    } catch (e) { /* storage full or off: the banner said to copy */ }
  }

  function offerBack() {
    var kept;
    try {
      kept = JSON.parse(sessionStorage.getItem(STORE_KEY) || 'null');
    } catch (e) {
      kept = null;
    }
    if (!kept || !kept.length) { return; }
    var tries = 0;
    var timer = setInterval(function () {
      // the widgets draw one by one: wait for every field kept (two minutes at most)
      tries += 1;
      var keys = {};
      fields().forEach(function (f) { keys[f.key] = true; });
      var all = kept.every(function (k) { return keys[k.key]; });
      if (!(all && document.querySelector('.aw-save-status, .aw-mod-status')) && tries < 240) {
        return;
      }
      clearInterval(timer);
      sessionStorage.removeItem(STORE_KEY);
      show(kept);
    }, 500);
  }

  function show(kept) {
    var now = {};
    fields().forEach(function (f) { now[f.key] = f; });
    // a field no longer on the page is listed all the same, to copy
    var differ = kept.filter(function (k) {
      return !now[k.key] || now[k.key].input.value !== k.text;
    });
    if (!differ.length) { return; }
    var box = document.createElement('section');
    box.className = 'aw-kept-text';
    box.setAttribute('aria-label', 'Text you typed before reloading');
    box.style.cssText = 'margin: .5rem 0 1rem; padding: .75rem 1rem; border: 4px solid #1d70b8;' +
      'background: #fff;';
    var heading = document.createElement('h2');
    heading.textContent = 'Text you typed before reloading, not saved';
    box.appendChild(heading);
    var intro = document.createElement('p');
    intro.textContent = 'The page now shows what is saved. Put your text back where you want ' +
      'it (it is then saved), or leave it.';
    box.appendChild(intro);
    differ.forEach(function (k) {
      var item = document.createElement('div');
      item.className = 'aw-kept-field';
      var name = document.createElement('h3');
      name.textContent = k.label;
      var quote = document.createElement('blockquote');
      quote.textContent = k.text;
      quote.style.whiteSpace = 'pre-wrap';
      item.appendChild(name);
      item.appendChild(quote);
      if (!now[k.key]) {
        box.appendChild(item);
        return;
      }
      var put = button('Put back my text for \u201c' + k.label + '\u201d', function () {
        var field = fields().filter(function (f) { return f.key === k.key; })[0];
        if (!field) { return; }
        field.input.value = k.text;
        field.input.dispatchEvent(new Event('input', {bubbles: true}));
        field.input.dispatchEvent(new Event('change', {bubbles: true}));
        item.remove();
        if (!box.querySelector('.aw-kept-field')) { box.remove(); }
      });
      put.style.color = '#fff';
      put.style.background = '#1d70b8';
      item.appendChild(put);
      box.appendChild(item);
    });
    box.appendChild(button('Leave it', function () { box.remove(); }));
    box.lastChild.style.background = '#505a5f';
    var main = document.getElementById('rendered_cells');
    main.insertBefore(box, main.firstChild);
  }

  function arrived() {
    checkArrived();
    if (!failed) { offerBack(); }
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', arrived);
  } else {
    arrived();
  }
})();
