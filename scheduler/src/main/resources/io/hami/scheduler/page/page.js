// The allocation page: fetches allocation.json and renders it with DOM calls only (textContent, never HTML
// strings), so that pod and node names are shown as text whatever they contain.
"use strict";

const REFRESH_MS = 5000;

function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}

function bar(used, total) {
  const outer = el("span", "bar");
  const inner = el("span");
  const share = total > 0 ? Math.min(1, used / total) : 0;
  inner.style.width = (share * 100).toFixed(1) + "%";
  if (share >= 1) outer.classList.add("full");
  outer.appendChild(inner);
  return outer;
}

function usageCell(used, total, unit) {
  const td = el("td", "num");
  td.appendChild(bar(used, total));
  td.appendChild(document.createTextNode(used + " / " + total + unit));
  return td;
}

function renderNode(node) {
  const section = el("section", "node");
  section.dataset.node = node.name;
  section.appendChild(el("h2", null, node.name));
  const table = el("table");
  const head = el("tr");
  for (const h of ["#", "device", "model", "slots", "memory (MiB)", "cores", "pods"]) head.appendChild(el("th", null, h));
  table.appendChild(head);
  for (const d of node.devices) {
    const tr = el("tr", "device");
    tr.dataset.device = d.id;
    tr.appendChild(el("td", "num", String(d.index)));
    tr.appendChild(el("td", d.healthy ? null : "unhealthy", d.id + (d.healthy ? "" : " (unhealthy)")));
    tr.appendChild(el("td", null, d.model));
    tr.appendChild(el("td", "num", d.usedSlots + " / " + d.slots));
    tr.appendChild(usageCell(d.usedMemoryMiB, d.memoryMiB, ""));
    tr.appendChild(usageCell(d.usedCores, d.cores, ""));
    const pods = el("td");
    const list = el("ul", "pods");
    for (const p of d.pods) {
      const li = el("li", "pod", p.namespace + "/" + p.name + " (" + p.memoryMiB + " MiB, " + p.cores + " cores)");
      li.dataset.pod = p.namespace + "/" + p.name;
      list.appendChild(li);
    }
    pods.appendChild(list);
    tr.appendChild(pods);
    table.appendChild(tr);
  }
  section.appendChild(table);
  return section;
}

function render(data) {
  let devices = 0, memory = 0, usedMemory = 0, pods = new Set();
  const nodes = document.getElementById("nodes");
  nodes.replaceChildren(...data.nodes.map(renderNode));
  for (const n of data.nodes) {
    for (const d of n.devices) {
      devices++;
      memory += d.memoryMiB;
      usedMemory += d.usedMemoryMiB;
      for (const p of d.pods) pods.add(p.namespace + "/" + p.name);
    }
  }
  document.getElementById("summary").textContent = data.nodes.length + " nodes, " + devices + " devices, "
      + pods.size + " pods placed, " + usedMemory + " of " + memory + " MiB allocated, "
      + data.pending.length + " pods waiting";
  const pending = document.getElementById("pending");
  pending.replaceChildren(...data.pending.map(p => {
    const li = el("li", "pending");
    li.dataset.pod = p.namespace + "/" + p.name;
    li.appendChild(el("strong", null, p.namespace + "/" + p.name));
    li.appendChild(document.createTextNode(" refused since " + new Date(p.since).toLocaleTimeString()));
    const reasons = el("ul", "reasons");
    for (const r of p.reasons) reasons.appendChild(el("li", null, r));
    li.appendChild(reasons);
    return li;
  }));
  document.getElementById("no-pending").hidden = data.pending.length > 0;
  const status = document.getElementById("status");
  status.className = "";
  status.textContent = "Updated " + new Date(data.generated).toLocaleTimeString();
  document.body.dataset.loaded = "true";
}

async function refresh() {
  try {
    const response = await fetch("allocation.json", {cache: "no-store"});
    if (!response.ok) throw new Error("HTTP " + response.status);
    render(await response.json());
  } catch (e) {
    const status = document.getElementById("status");
    status.className = "error";
    status.textContent = "Could not load the allocation: " + e.message;
  } finally {
    setTimeout(refresh, REFRESH_MS);
  }
}

refresh();
