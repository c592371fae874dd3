// studyprint's page: a live preview as options change, rows added without a reload,
// option groups shown for the product chosen. Written for this page; no libraries.
// Every message is set as text (textContent), never as HTML.
"use strict";
(function () {
  const form = document.getElementById("page");
  if (!form) return;
  const csrf = form.querySelector("input[name=csrf]").value;
  const pages = document.getElementById("pages");
  const status = document.getElementById("preview-status");
  const messages = document.getElementById("messages");
  let timer = null;
  let sent = 0;

  function product() {
    const checked = form.querySelector("input[name=product]:checked");
    return checked ? checked.value : "guide";
  }

  function showGroups() {
    const chosen = product();
    form.querySelector(".for-cards").hidden = !(chosen === "cards" || chosen === "packet");
    form.querySelector(".for-quiz").hidden = !(chosen === "quiz" || chosen === "packet");
    form.querySelector(".for-packet").hidden = chosen !== "packet";
  }

  function list(className, items, role) {
    const box = document.createElement("div");
    box.className = className;
    if (role) box.setAttribute("role", role);
    const ul = document.createElement("ul");
    for (const text of items) {
      const li = document.createElement("li");
      li.textContent = text;
      ul.appendChild(li);
    }
    box.appendChild(ul);
    return box;
  }

  function markRows(rows) {
    for (const old of form.querySelectorAll("tr.row-errors")) old.remove();
    for (const tr of form.querySelectorAll("tr.row")) {
      tr.classList.remove("has-error");
      const input = tr.querySelector("input[name=term]");
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    }
    const all = form.querySelectorAll("tr.row");
    for (const [index, text] of Object.entries(rows)) {
      const tr = all[Number(index)];
      if (!tr) continue;
      tr.classList.add("has-error");
      const note = document.createElement("tr");
      note.className = "row-errors";
      const empty = document.createElement("td");
      const cell = document.createElement("td");
      cell.colSpan = 8;
      cell.id = "row-" + index + "-errors";
      const p = document.createElement("p");
      p.textContent = text;
      cell.appendChild(p);
      note.append(empty, cell);
      tr.after(note);
      const input = tr.querySelector("input[name=term]");
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", cell.id);
    }
  }

  async function preview() {
    const number = ++sent;
    const data = new FormData(form);
    data.delete("source");
    data.delete("deck");
    status.textContent = "Updating the preview…";
    let answer;
    try {
      const response = await fetch("/api/preview", {
        method: "POST", body: data,
        headers: {"Accept": "application/json", "X-CSRF-Token": csrf},
      });
      answer = await response.json();
    } catch (error) {
      status.textContent = "The preview could not be updated; check the connection.";
      return;
    }
    if (number !== sent) return;  // a newer preview is on its way
    messages.replaceChildren();
    const rowErrors = answer.rows || {};
    const general = (answer.errors || []).filter((e) => !Object.values(rowErrors).includes(e));
    if (general.length) messages.appendChild(list("errors", general, "alert"));
    if ((answer.warnings || []).length) messages.appendChild(list("warnings", answer.warnings));
    if ((answer.audit || []).length) {
      const audit = document.createElement("details");
      audit.className = "audit";
      const summary = document.createElement("summary");
      summary.textContent = "Quiz audit: what the planner steered round";
      audit.append(summary, list("audit-lines", answer.audit));
      messages.appendChild(audit);
    }
    markRows(rowErrors);
    if ((answer.errors || []).length) {
      status.textContent = "Fix the terms marked above to see the preview.";
      return;
    }
    pages.replaceChildren();
    (answer.previews || []).forEach((url, i) => {
      const img = document.createElement("img");
      img.src = url;
      img.alt = "Page " + (i + 1) + " of the preview";
      pages.appendChild(img);
    });
    const count = answer.pages || 0;
    const shown = (answer.previews || []).length;
    status.textContent = count === 1 ? "1 page, shown below."
      : count + " pages; the first " + (shown === 1 ? "one" : shown) + " shown below.";
  }

  function soon() {
    clearTimeout(timer);
    timer = setTimeout(preview, 700);
  }

  form.addEventListener("input", (event) => {
    if (event.target.closest("#source") || event.target.type === "file") return;
    soon();
  });
  form.addEventListener("change", (event) => {
    if (event.target.name === "product") showGroups();
    if (event.target.closest("#source") || event.target.type === "file") return;
    soon();
  });

  document.getElementById("add-row").addEventListener("click", (event) => {
    event.preventDefault();
    const body = form.querySelector("#rows tbody");
    const rows = body.querySelectorAll("tr.row");
    const last = rows[rows.length - 1];
    const copy = last.cloneNode(true);
    const number = rows.length + 1;
    copy.classList.remove("has-error");
    copy.dataset.row = String(number - 1);
    copy.querySelector("th").textContent = String(number);
    for (const field of copy.querySelectorAll("input, textarea")) {
      field.value = "";
      field.removeAttribute("aria-invalid");
      field.removeAttribute("aria-describedby");
      const label = field.getAttribute("aria-label") || "";
      field.setAttribute("aria-label", label.replace(/\d+$/, String(number)));
    }
    body.appendChild(copy);
    copy.querySelector("input[name=term]").focus();
  });

  document.getElementById("preview-button").addEventListener("click", (event) => {
    event.preventDefault();
    preview();
  });

  showGroups();
})();
