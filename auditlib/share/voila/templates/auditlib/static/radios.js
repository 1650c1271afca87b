/* Each set of radio buttons is one question, for the keyboard and for assistive technology.
 *
 * ipywidgets draws RadioButtons as <div class="widget-radio-box"> of <label><input
 * type="radio">words</label>, with no shared name: the browser then takes every radio for a
 * question of its own. Each was a stop of the Tab key (tabbing past a grade landed on its last
 * choice, "Not applicable", and the space typed next chose it), the arrow keys ran on into the
 * next question's grades and changed them, and a screen reader read "Good, radio button" with
 * no question.
 *
 * Here every box becomes what a fieldset with its legend is (the ARIA pattern: role=radiogroup,
 * named through aria-labelledby by its section's heading and the widget's own label; the
 * widget's markup is ipywidgets' to redraw, so it is not rebuilt as a fieldset), and its radios
 * share a name, so the browser keeps them as one group: Tab enters the group once (on the
 * chosen grade, or the first when none is chosen) and leaves it with the next Tab; the arrow
 * keys move within the group only, choosing as they go, as radio buttons do everywhere. The
 * browser fires a click for a choice made with the arrows, which is what ipywidgets listens to,
 * so it is saved as a click is. Letters typed on a radio do nothing (the browser's own
 * behaviour, kept); Space chooses the radio in focus, as everywhere.
 *
 * Boxes drawn later (a page drawn in parts, a form shown after "Start grading", the radios
 * ipywidgets draws again when its choices change) are found by a MutationObserver. No library,
 * no network use.
 */
(function () {
  'use strict';

  var BOX = 'widget-radio-box';
  var PART = '.aw-section, .aw-mod-field';  // a section of a page, holding its heading
  var made = 0;

  function group(box) {
    var name = box.getAttribute('data-aw-radio-group');
    if (!name) {
      made += 1;
      name = 'aw-radios-' + made;
      box.setAttribute('data-aw-radio-group', name);
      box.setAttribute('role', 'radiogroup');
    }
    var container = box.parentElement;
    var label = null;
    if (container) {
      for (var c = container.firstElementChild; c; c = c.nextElementSibling) {
        if (c !== box && c.classList.contains('widget-label')) { label = c; break; }
      }
    }
    // the question is the widget's label; a page of many questions each called "Judgement"
    // ("Moderator's judgement") names each by its section's heading too
    var names = [];
    var part = box.closest(PART);
    var heading = part && part.querySelector('h2[id]');
    var words = function (el) { return el.textContent.trim().toLowerCase(); };
    if (heading && !(label && words(label).indexOf(words(heading)) !== -1)) {
      names.push(heading.id);  // not twice: "Overall grade" is both a heading and a label
    }
    if (label) {
      if (!label.id) { label.id = name + '-question'; }
      names.push(label.id);
    }
    if (names.length && box.getAttribute('aria-labelledby') !== names.join(' ')) {
      box.setAttribute('aria-labelledby', names.join(' '));
    }
    var radios = box.querySelectorAll('input[type=radio]');
    for (var i = 0; i < radios.length; i++) {
      if (radios[i].name !== name) { radios[i].name = name; }
    }
  }

  function groupAllIn(node) {
    if (node.nodeType !== 1) { return; }
    // the box itself, a radio ipywidgets put in again, or a part of the page holding boxes;
    // a section's heading may be drawn after its radios, so its whole section is looked at
    var box = node.closest('.' + BOX);
    if (box) { group(box); }
    var scope = node.closest(PART) || node;
    var boxes = scope.getElementsByClassName(BOX);
    for (var i = 0; i < boxes.length; i++) { group(boxes[i]); }
  }

  function start() {
    groupAllIn(document.body);
    new MutationObserver(function (changes) {
      for (var i = 0; i < changes.length; i++) {
        var added = changes[i].addedNodes;
        for (var j = 0; j < added.length; j++) { groupAllIn(added[j]); }
      }
    }).observe(document.body, {childList: true, subtree: true});
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
