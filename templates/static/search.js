// Site search on the Pagefind JS API: results as you type, filters with counts,
// arrow keys through the results, and the query kept in the address (?q=…&topic=…).
// Everything loads from this site: the index sits in ../pagefind/ beside the pages.

const PAGE_SIZE = 20;
const TYPING_DELAY_MS = 150;
// Pagefind favours short pages by default (pageLength 0.75); toolkits and case studies
// are long pages and the answers people want first, so length counts for less here.
const RANKING = { pageLength: 0.3 };

const layout = document.querySelector("[data-search]");
const form = document.querySelector("[data-search-form]");
const input = form.querySelector("input[name=q]");
const statusLine = layout.querySelector("[data-search-status]");
const list = layout.querySelector("[data-search-results]");
const more = layout.querySelector("[data-search-more]");
const filterBox = layout.querySelector("[data-search-filters]");
const filterNames = JSON.parse(layout.dataset.filterNames);
// The page's words for the messages below, in its language (from the template).
const messages = JSON.parse(layout.dataset.messages);

/** Return a message with its {placeholders} filled in. */
function say(key, values = {}) {
  return messages[key].replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

let pagefind = null;
let results = [];
let shown = 0;
let searchNumber = 0;
let typingTimer = 0;

function unavailable(message) {
  const note = document.querySelector("[data-search-unavailable]");
  note.textContent = message;
  note.hidden = false;
}

// The indexed copy of a page ends with the synonyms of its words in a block with this
// id (pages/synonyms.py SYNONYMS_ANCHOR): they make the page match, but are not its text,
// so excerpts are made from the words before the block.
const SYNONYMS_ANCHOR = "search-synonyms";
const EXCERPT_WORDS = 30;

/** Return the first word of the window of EXCERPT_WORDS words that holds most of `scores`. */
function densestStart(scores, end) {
  const length = Math.min(EXCERPT_WORDS, end);
  let sum = 0;
  for (let i = 0; i < length; i++) sum += scores[i] ?? 0;
  let best = sum;
  let bestAt = 0;
  for (let i = 1; i + length <= end; i++) {
    sum += (scores[i + length - 1] ?? 0) - (scores[i - 1] ?? 0);
    if (sum > best) {
      best = sum;
      bestAt = i;
    }
  }
  return bestAt;
}

/** Return a result's excerpt as nodes, from the page's own words only (never its synonyms). */
function ownExcerptNodes(record) {
  const block = (record.anchors ?? []).find((a) => a.id === SYNONYMS_ANCHOR);
  if (!block) return excerptNodes(record.excerpt);
  const words = record.content.split(/[\r\n\s]+/g);
  const end = Math.min(block.location, words.length);
  const scores = [];
  for (const hit of record.weighted_locations ?? []) {
    if (hit.location < end) scores[hit.location] = (scores[hit.location] ?? 0) + hit.balanced_score;
  }
  const start = densestStart(scores, end);
  const nodes = [];
  let text = "";
  for (let i = start; i < Math.min(start + EXCERPT_WORDS, end); i++) {
    const word = (i > start ? " " : "") + words[i];
    if (scores[i] === undefined) {
      text += word;
      continue;
    }
    nodes.push(document.createTextNode(text + (i > start ? " " : "")));
    const mark = document.createElement("mark");
    mark.textContent = words[i];
    nodes.push(mark);
    text = "";
  }
  nodes.push(document.createTextNode(text));
  return nodes;
}

/** Return the excerpt as nodes: its text, with Pagefind's <mark> highlights and nothing else. */
function excerptNodes(html) {
  const template = document.createElement("template");
  template.innerHTML = html;
  const nodes = [];
  for (const node of template.content.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) {
      nodes.push(document.createTextNode(node.textContent));
    } else if (node.nodeName === "MARK") {
      const mark = document.createElement("mark");
      mark.textContent = node.textContent;
      nodes.push(mark);
    } else {
      nodes.push(document.createTextNode(node.textContent));
    }
  }
  return nodes;
}

function selectedFilters() {
  const chosen = {};
  for (const box of filterBox.querySelectorAll("input:checked")) {
    (chosen[box.name] ??= []).push(box.value);
  }
  const filters = {};
  for (const [name, values] of Object.entries(chosen)) filters[name] = { any: values };
  return filters;
}

function buildFilters(counts) {
  filterBox.replaceChildren();
  const wanted = new URLSearchParams(location.search);
  for (const [name, heading] of filterNames) {
    const values = counts[name];
    if (!values || Object.keys(values).length === 0) continue;
    const fieldset = document.createElement("fieldset");
    const legend = document.createElement("legend");
    legend.textContent = heading;
    fieldset.append(legend);
    const ul = document.createElement("ul");
    const sorted = Object.keys(values).sort((a, b) =>
      name === "year" ? b.localeCompare(a) : a.localeCompare(b),
    );
    sorted.forEach((value, index) => {
      const li = document.createElement("li");
      const box = document.createElement("input");
      box.type = "checkbox";
      box.name = name;
      box.value = value;
      box.id = `filter-${name}-${index}`;
      box.checked = wanted.getAll(name).includes(value);
      const label = document.createElement("label");
      label.htmlFor = box.id;
      const count = document.createElement("span");
      count.className = "count";
      count.dataset.count = "";
      label.append(`${value} `, count);
      li.append(box, label);
      ul.append(li);
    });
    fieldset.append(ul);
    filterBox.append(fieldset);
  }
  showCounts(counts);
}

function showCounts(counts) {
  for (const box of filterBox.querySelectorAll("input")) {
    const n = counts[box.name]?.[box.value] ?? 0;
    const count = box.labels[0].querySelector("[data-count]");
    count.textContent = `(${n})`;
    box.labels[0].classList.toggle("empty", n === 0 && !box.checked);
  }
}

function remember(query, filters) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [name, { any }] of Object.entries(filters)) {
    for (const value of any) params.append(name, value);
  }
  const address = params.size ? `?${params}` : location.pathname;
  history.replaceState(null, "", address);
}

async function runSearch() {
  const number = ++searchNumber;
  const query = input.value.trim();
  const filters = selectedFilters();
  remember(query, filters);
  if (!query && Object.keys(filters).length === 0) {
    results = [];
    list.replaceChildren();
    more.hidden = true;
    statusLine.textContent = say("prompt");
    showCounts(await pagefind.filters());
    return;
  }
  const search = await pagefind.search(query || null, { filters });
  if (number !== searchNumber) return; // a newer search has started
  results = search.results;
  shown = 0;
  list.replaceChildren();
  showCounts(search.filters);
  await showMore(number);
  if (number !== searchNumber) return;
  // Announced once the results are on the page, so that the count and the list agree.
  const n = results.length;
  const key = (n === 0 ? "none" : n === 1 ? "one" : "many") + (query ? "_for" : "");
  statusLine.textContent = say(key, { n: n.toLocaleString(document.documentElement.lang), query });
}

async function showMore(number) {
  const batch = results.slice(shown, shown + PAGE_SIZE);
  const records = await Promise.all(batch.map((r) => r.data()));
  if (number !== searchNumber) return;
  for (const record of records) list.append(resultItem(record));
  shown += batch.length;
  more.hidden = shown >= results.length;
}

function resultItem(record) {
  const li = document.createElement("li");
  const article = document.createElement("article");
  const heading = document.createElement("h3");
  const link = document.createElement("a");
  link.href = record.url;
  link.textContent = record.meta.title ?? record.url;
  heading.append(link);
  const meta = document.createElement("p");
  meta.className = "meta";
  meta.textContent = [record.meta.type, record.meta.date].filter(Boolean).join(" · ");
  const excerpt = document.createElement("p");
  excerpt.append(...ownExcerptNodes(record));
  article.append(heading, meta, excerpt);
  li.append(article);
  return li;
}

function resultLinks() {
  return [...list.querySelectorAll("h3 a")];
}

function onKey(event) {
  const links = resultLinks();
  const at = links.indexOf(document.activeElement);
  if (event.key === "ArrowDown") {
    const next = event.target === input ? links[0] : links[at + 1];
    if (next) {
      event.preventDefault();
      next.focus();
    }
  } else if (event.key === "ArrowUp" && at >= 0) {
    event.preventDefault();
    (at === 0 ? input : links[at - 1]).focus();
  } else if (event.key === "Escape" && at >= 0) {
    input.focus();
  }
}

async function start() {
  const bundle = new URL(layout.dataset.pagefind, document.baseURI);
  try {
    pagefind = await import(bundle.href);
  } catch {
    unavailable(say("unavailable"));
    return;
  }
  // Result addresses start at the site's own folder, so search works under any subpath.
  await pagefind.options({ baseUrl: new URL("../", bundle).pathname, ranking: RANKING });
  await pagefind.init();
  layout.hidden = false;
  buildFilters(await pagefind.filters());
  const asked = new URLSearchParams(location.search).get("q");
  if (asked !== null && !input.value) input.value = asked;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typingTimer);
    runSearch();
  });
  input.addEventListener("input", () => {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(runSearch, TYPING_DELAY_MS);
  });
  filterBox.addEventListener("change", runSearch);
  more.addEventListener("click", () => showMore(searchNumber));
  input.addEventListener("keydown", onKey);
  list.addEventListener("keydown", onKey);
  await runSearch();
}

start();
