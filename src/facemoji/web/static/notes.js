// Messages under the photos: what happened, in words, with the action that helps.

const $ = (sel) => document.querySelector(sel);


/** A message under the photos: `kind` info, warn or error; `actions` [{label, run}]. */
export function note(text, kind = "info", actions = []) {
  const list = $("#notes");
  for (const li of list.children) if (li.dataset.text === text) li.remove();
  const li = document.createElement("li");
  li.className = kind;
  li.dataset.text = text;
  const span = document.createElement("span");
  span.textContent = text;
  li.append(span);
  for (const { label, run } of actions) {
    const b = document.createElement("button");
    b.type = "button";
    b.className = "btn link small";
    b.textContent = label;
    b.addEventListener("click", () => { li.remove(); run(); });
    li.append(b);
  }
  const close = document.createElement("button");
  close.type = "button";
  close.className = "dismiss";
  close.setAttribute("aria-label", "Dismiss this message");
  close.innerHTML = '<svg viewBox="0 0 24 24" aria-hidden="true"><path d="M7 7l10 10M17 7 7 17"/></svg>';
  close.addEventListener("click", () => { li.remove(); $("#make").focus(); });
  li.append(close);
  list.append(li);
}

export function clearNotes() { $("#notes").replaceChildren(); }

