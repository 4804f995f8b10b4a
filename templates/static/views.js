// The views across services: a filter by care setting and sortable tables.
// Progressive enhancement: without this script every row, list and count is shown and
// the tables keep the order they were built in. Nothing loads from another host.

const view = document.querySelector("[data-setting-view]");
const messageBox = document.querySelector("[data-view-messages]");
const messages = messageBox ? JSON.parse(messageBox.dataset.viewMessages) : {};

/** Return a message with its {placeholders} filled in. */
function say(key, values = {}) {
  return (messages[key] || "").replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

/** Show only what belongs to a care setting ("" for every setting). */
function applySetting(setting) {
  for (const element of view.querySelectorAll("[data-settings]")) {
    const settings = element.dataset.settings.split(" ");
    element.hidden = Boolean(setting) && !settings.includes(setting);
  }
  for (const element of view.querySelectorAll("[data-for-setting]")) {
    element.hidden = element.dataset.forSetting !== setting;
  }
  for (const group of view.querySelectorAll("[data-filter-group]")) {
    const items = [...group.querySelectorAll("[data-settings]")];
    const shown = items.filter((item) => !item.hidden).length;
    const count = group.querySelector("[data-count]");
    if (count) count.textContent = String(shown);
    // A change idea nobody in the setting tested keeps its count sentence; a group of
    // lessons with none left disappears.
    if (count) group.hidden = items.length > 0 && shown === 0;
  }
}

function setUpFilter() {
  const form = view.querySelector("[data-setting-filter]");
  if (!form) return;
  const status = form.querySelector("[data-filter-status]");
  const radios = [...form.querySelectorAll("input[name=setting]")];
  const fromAddress = new URLSearchParams(window.location.search).get("setting") || "";
  const start = radios.find((radio) => radio.value === fromAddress) || radios[0];
  start.checked = true;

  function update(announce) {
    const chosen = radios.find((radio) => radio.checked);
    const setting = chosen ? chosen.value : "";
    applySetting(setting);
    if (announce) {
      const label = chosen ? form.querySelector(`label[for="${chosen.id}"]`).textContent : "";
      status.textContent = setting ? say("one", { setting: label.trim() }) : say("all");
    }
    const address = new URL(window.location.href);
    if (setting) address.searchParams.set("setting", setting);
    else address.searchParams.delete("setting");
    window.history.replaceState(null, "", address);
  }

  form.addEventListener("change", () => update(true));
  form.addEventListener("submit", (event) => event.preventDefault());
  form.hidden = false;
  update(false);
}

/** Return the value a cell sorts by: its data-sort-value, else its text. */
function sortValue(cell, numeric) {
  const raw = cell.dataset.sortValue ?? cell.textContent.trim();
  if (!numeric) return raw;
  return raw === "" ? Number.POSITIVE_INFINITY : Number(raw);
}

function setUpSorting(table) {
  const headers = [...table.querySelectorAll("thead th[data-sort]")];
  const body = table.tBodies[0];
  const collator = new Intl.Collator(document.documentElement.lang || undefined);
  headers.forEach((header) => {
    const column = [...header.parentElement.children].indexOf(header);
    const numeric = header.dataset.sort === "number";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "sort-button";
    button.append(...header.childNodes);
    header.append(button);
    button.addEventListener("click", () => {
      const ascending = header.getAttribute("aria-sort") !== "ascending";
      for (const other of headers) other.removeAttribute("aria-sort");
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      const rows = [...body.rows];
      rows.sort((a, b) => {
        const x = sortValue(a.cells[column], numeric);
        const y = sortValue(b.cells[column], numeric);
        const order = numeric ? (x === y ? 0 : x < y ? -1 : 1) : collator.compare(x, y);
        return ascending ? order : -order;
      });
      body.append(...rows);
    });
  });
  const help = table.closest("section")?.querySelector("[data-sort-help]");
  if (help && headers.length) help.hidden = false;
}

if (view) {
  setUpFilter();
  for (const table of view.querySelectorAll("table[data-sortable]")) setUpSorting(table);
}
