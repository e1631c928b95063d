// The quiz front end (an anywidget module). Python owns every decision: this file draws
// the questions, sends the learner's actions ({do: "check" | "hint" | "reveal", id, value})
// and shows the states Python sends back. Controls are native HTML (radio groups, check
// boxes, text boxes, selects, buttons), each named for its question, and each carries
// data-lm-suppress-shortcuts so keys pressed in it never reach JupyterLab's shortcuts.

let counter = 0;

function h(tag, attrs = {}, children = []) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key === "text") el.textContent = value;
    else if (key === "html") el.innerHTML = value; // Python escapes bank text before sending it
    else if (key.startsWith("on")) el.addEventListener(key.slice(2), value);
    else el.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child) el.append(child);
  if (["INPUT", "BUTTON", "SELECT", "TEXTAREA"].includes(el.tagName)) {
    el.setAttribute("data-lm-suppress-shortcuts", "true");
  }
  return el;
}

// Each control type: build(q, ids, announce) -> {el, get(), set(value)}.
const CONTROLS = {
  choice(q, ids) {
    const c = q.control;
    const group = h("div", {
      role: c.multiple ? "group" : "radiogroup", "aria-labelledby": ids.prompt,
      class: "lq-options",
    });
    const inputs = c.options.map((opt, i) => {
      const input = h("input", {
        type: c.multiple ? "checkbox" : "radio", name: ids.base, id: `${ids.base}-o${i}`,
      });
      input.dataset.index = String(i);
      const label = h("label", { for: input.id, class: "lq-option" }, [
        input, h("span", { class: "lq-letter", text: opt.label ? `${opt.label} ` : "" }),
        h("span", { html: opt.html }),
      ]);
      group.append(label);
      return input;
    });
    return {
      el: group,
      get() {
        const picked = inputs.filter((x) => x.checked).map((x) => c.options[Number(x.dataset.index)].value);
        return c.multiple ? picked : picked.length ? picked[0] : null;
      },
      set(value) {
        const wanted = c.multiple ? value || [] : [value];
        inputs.forEach((x) => {
          const v = c.options[Number(x.dataset.index)].value;
          x.checked = wanted.some((w) => JSON.stringify(w) === JSON.stringify(v));
        });
      },
      focus() { (inputs.find((x) => x.checked) || inputs[0]).focus(); },
    };
  },

  number(q, ids, announce, submit) {
    const unit = q.control.unit;
    const input = h("input", {
      type: "text", inputmode: "decimal", id: `${ids.base}-n`, autocomplete: "off",
      "aria-describedby": ids.prompt, size: "14",
      onkeydown: (e) => { if (e.key === "Enter") { e.preventDefault(); submit(); } },
    });
    const label = h("label", {
      for: input.id, class: "lq-field-label",
      text: `Your answer to question ${q.number}${unit ? ` (${unit})` : ""}:`,
    });
    return {
      el: h("div", { class: "lq-number" }, [label, " ", input, unit ? h("span", { text: ` ${unit}` }) : null]),
      get() { return input.value; },
      set(value) { input.value = value === null || value === undefined ? "" : String(value); },
      focus() { input.focus(); },
    };
  },

  text(q, ids) {
    const area = h("textarea", {
      id: `${ids.base}-t`, rows: String(q.control.rows || 6), "aria-describedby": ids.prompt,
      placeholder: q.control.placeholder || "", class: "lq-textarea",
    });
    const label = h("label", {
      for: area.id, class: "lq-field-label", text: `Your reflection on question ${q.number}:`,
    });
    return {
      el: h("div", { class: "lq-text" }, [label, area]),
      get() { return area.value; },
      set(value) { area.value = value || ""; },
      focus() { area.focus(); },
    };
  },

  order(q, ids, announce) {
    let order = q.control.items.map((item) => item.value);
    const byValue = new Map(q.control.items.map((item) => [item.value, item]));
    const list = h("ol", { class: "lq-order", "aria-labelledby": ids.prompt });
    const note = h("p", { class: "lq-note", id: `${ids.base}-note`, text: q.control.note || "" });
    function draw(focusValue, focusDir) {
      list.replaceChildren();
      order.forEach((value, pos) => {
        const item = byValue.get(value);
        const text = item.html.replace(/<[^>]+>/g, "");
        const up = h("button", {
          type: "button", class: "lq-move", "aria-label": `Move up: ${text}`, text: "↑ Up",
          disabled: pos === 0, onclick: () => move(pos, -1),
        });
        const down = h("button", {
          type: "button", class: "lq-move", "aria-label": `Move down: ${text}`, text: "↓ Down",
          disabled: pos === order.length - 1, onclick: () => move(pos, 1),
        });
        up.dataset.value = value; up.dataset.dir = "up";
        down.dataset.value = value; down.dataset.dir = "down";
        list.append(h("li", { class: "lq-order-item" }, [
          h("span", { class: "lq-order-text", html: `${item.label} ${item.html}` }), " ", up, " ", down,
        ]));
      });
      if (focusValue !== undefined) {
        const buttons = [...list.querySelectorAll("button")];
        const same = buttons.find((b) => b.dataset.value === focusValue && b.dataset.dir === focusDir && !b.disabled)
          || buttons.find((b) => b.dataset.value === focusValue && !b.disabled);
        if (same) same.focus();
      }
    }
    function move(pos, step) {
      const to = pos + step;
      if (to < 0 || to >= order.length) return;
      const value = order[pos];
      [order[pos], order[to]] = [order[to], order[pos]];
      draw(value, step < 0 ? "up" : "down");
      const text = byValue.get(value).html.replace(/<[^>]+>/g, "");
      announce(`${text}: now ${to + 1} of ${order.length}.`);
    }
    draw();
    return {
      el: h("div", { class: "lq-order-box" }, [note, list]),
      get() { return [...order]; },
      set(value) { if (Array.isArray(value) && value.length === order.length) { order = [...value]; draw(); } },
      focus() { const b = list.querySelector("button:not([disabled])"); if (b) b.focus(); },
    };
  },

  match(q, ids) {
    const c = q.control;
    const selects = c.lefts.map((left, i) => {
      const select = h("select", { id: `${ids.base}-m${i}`, "aria-describedby": ids.prompt });
      select.append(h("option", { value: "", text: "(choose a match)" }));
      c.rights.forEach((right, j) => select.append(h("option", { value: String(j), text: `${right.label} ${right.html}` })));
      return select;
    });
    const rows = c.lefts.map((left, i) => h("div", { class: "lq-match-row" }, [
      h("label", { for: selects[i].id, class: "lq-match-left", html: `${left.label} ${left.html}` }),
      selects[i],
    ]));
    return {
      el: h("div", { class: "lq-match", role: "group", "aria-labelledby": ids.prompt }, rows),
      get() {
        const out = {};
        c.lefts.forEach((left, i) => {
          const j = selects[i].value;
          out[left.value] = j === "" ? null : c.rights[Number(j)].value;
        });
        return out;
      },
      set(value) {
        c.lefts.forEach((left, i) => {
          const right = value ? value[left.value] : null;
          const j = c.rights.findIndex((r) => r.value === right);
          selects[i].value = j < 0 ? "" : String(j);
        });
      },
      focus() { selects[0].focus(); },
    };
  },
};

function renderQuestion(q, model, uid) {
  const base = `lq-${uid}-${q.number}`;
  const ids = { base, prompt: `${base}-prompt` };
  const status = h("div", { class: "lq-feedback", role: "status", "aria-live": "polite" });
  const announcer = h("div", { class: "lq-sr", role: "status", "aria-live": "polite" });
  const announce = (text) => { announcer.textContent = text; };
  const send = (action) => model.send({ do: action, id: q.id, value: action === "check" ? control.get() : null });
  const make = CONTROLS[q.control.type];
  const control = make(q, ids, announce, () => send("check"));
  const check = h("button", {
    type: "button", class: "lq-button lq-primary lessons-check", text: q.check_label,
    "aria-label": `${q.check_label} your answer to question ${q.number}`, onclick: () => send("check"),
  });
  const hint = h("button", {
    type: "button", class: "lq-button lessons-hint", text: "Hint", disabled: !q.has_hint,
    "aria-label": `Hint for question ${q.number}`, onclick: () => send("hint"),
  });
  const reveal = h("button", {
    type: "button", class: "lq-button lessons-reveal", text: q.reveal_label,
    "aria-label": `${q.reveal_label} for question ${q.number}`, onclick: () => send("reveal"),
  });
  const hintBox = h("div", { class: "lq-hint lessons-hint-box" });
  const answerBox = h("div", { class: "lq-answer lessons-answer-box" });
  const tries = h("div", { class: "lq-tries" });
  status.classList.add("lessons-feedback");
  const box = h("div", {
    class: `lq lessons-question lessons-q-${q.id}`, role: "group", "aria-labelledby": ids.prompt,
  }, [
    h("p", { class: "lq-prompt", id: ids.prompt, html: `<strong>${q.number}.</strong> ${q.prompt_html} <small>(${q.label})</small>` }),
    control.el,
    h("div", { class: "lq-buttons" }, [check, hint, reveal]),
    status, tries, hintBox, answerBox, announcer,
  ]);
  let shownValue;
  function update(state) {
    if (!state) return;
    if (JSON.stringify(state.value) !== JSON.stringify(shownValue)) {
      shownValue = state.value;
      if (state.value !== null && state.value !== undefined) control.set(state.value);
    }
    status.innerHTML = state.feedback_html || "";
    tries.textContent = state.tries_text || "";
    hintBox.innerHTML = state.hint_html || "";
    answerBox.innerHTML = state.answer_html || "";
  }
  return { box, update };
}

function render({ model, el }) {
  const uid = `${Date.now().toString(36)}${(counter += 1)}`;
  const root = h("div", { class: "lessons-quiz-view lq-root" });
  root.append(h("h3", { class: "lq-title", text: `Quiz: ${model.get("title")}` }));
  const views = new Map();
  for (const q of model.get("questions")) {
    const view = renderQuestion(q, model, uid);
    views.set(q.id, view);
    root.append(view.box);
  }
  const summary = h("p", { class: "lq-summary lessons-summary", role: "status", "aria-live": "polite" });
  root.append(summary);
  function refresh() {
    const states = model.get("states") || {};
    for (const [id, view] of views) view.update(states[id]);
    summary.textContent = model.get("summary") || "";
  }
  model.on("change:states", refresh);
  model.on("change:summary", refresh);
  refresh();
  el.append(root);
  return () => {
    model.off("change:states", refresh);
    model.off("change:summary", refresh);
  };
}

export default { render };
