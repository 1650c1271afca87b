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
        socket.addEventListener('message', function (event) {
          var words = text(event.data);
          if (words.indexOf('"status"') !== -1 && KERNEL_GONE.test(words)) {
            connectionLost();
          }
        });
        socket.addEventListener('close', function () {
          if (!leaving) { connectionLost(); }
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

  // -- saying so

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

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', offerBack);
  } else {
    offerBack();
  }
})();
