// The editor's segment rows: the first screen built at once, the rest in chunks; filter, navigation, backups.

import { readBackup } from "./autosave.js";
import { h } from "./dom.js";
import { SegmentRow, autosize, autosizeAll } from "./segment.js";

// Rows built before the editor says it is ready: more than a tall screen shows (a row is ≥ 120 px).
// The rest follow after the first paint in chunks of CHUNK rows, one background task each, so a
// keystroke or click waits for at most one chunk (~10 ms here), never for the whole document.
const FIRST_SCREEN = 12;
const CHUNK = 25;

/** Run fn as a background task (after input and rendering), where the browser can tell them apart. */
function later(fn) {
  if (globalThis.scheduler?.postTask) globalThis.scheduler.postTask(fn, { priority: "background" });
  else setTimeout(fn, 0);
}

export class RowList {
  /** segments() → the document's segments now; ctx: the rows' context; saver: the Autosaver. */
  constructor({ segments, ctx, saver, onRestored }) {
    this.segments = segments;
    this.onRestored = onRestored;
    this.ctx = ctx;
    this.saver = saver;
    this.rows = [];
    this.byId = new Map();
    this.filter = "all";
    this.restored = 0;
    this.stopped = false;
    this.el = h("div", { class: "segments", id: "segments" });
  }

  /** Build the rows up to the first one needing work and a screen more; resolves when every row exists. */
  start() {
    const segs = this.segments();
    const open = segs.findIndex((seg) => seg.status !== "approved");
    this.buildUpTo(Math.max(FIRST_SCREEN, open + FIRST_SCREEN));
    return new Promise((done) => {
      this.done = done;
      if (this.complete()) done();
      else requestAnimationFrame(() => later(() => this.nextChunk()));
    });
  }

  nextChunk() {
    if (this.stopped || this.complete()) return; // all() may have built the rest meanwhile
    this.buildUpTo(this.rows.length + CHUNK);
    if (this.complete()) this.done();
    else later(() => this.nextChunk());
  }

  complete() {
    return this.rows.length >= this.segments().length;
  }

  /** Build every row still missing now (before anything that walks or counts the whole list). */
  all() {
    if (!this.complete()) {
      this.buildUpTo(Infinity);
      this.done?.();
    }
    return this.rows;
  }

  buildUpTo(end) {
    const segs = this.segments();
    const built = [];
    const fragment = document.createDocumentFragment();
    for (let i = this.rows.length; i < Math.min(end, segs.length); i++) {
      const row = new SegmentRow(segs[i], this.ctx);
      this.rows.push(row);
      this.byId.set(row.id, row);
      this.hide(row);
      built.push(row);
      fragment.append(row.el);
    }
    this.el.append(fragment);
    autosizeAll(built.map((row) => row.field));
    this.restoreBackups(built);
  }

  /** For counting: every segment, as its row where built. */
  counted() {
    return this.segments().map((data, i) => this.rows[i] || { data });
  }

  rowOf(node) {
    const el = node?.closest?.(".seg");
    return el ? this.byId.get(Number(el.dataset.id)) : null;
  }

  hide(row) {
    const approved = row.data.status === "approved";
    row.el.hidden = (this.filter === "work" && approved) || (this.filter === "approved" && !approved);
  }

  applyFilter(value = this.filter) {
    this.filter = value;
    for (const row of this.all()) this.hide(row);
  }

  neighbour(row, step, wanted = () => true) {
    const rows = this.all();
    const start = rows.indexOf(row);
    for (let i = start + step; i >= 0 && i < rows.length; i += step) {
      if (!rows[i].el.hidden && wanted(rows[i])) return rows[i];
    }
    return null;
  }

  nextOpen(row) {
    const first = !row && this.rows.find((r) => !r.el.hidden && r.needsWork());
    if (first) return first; // the rows built so far hold it: no need to build the rest now
    const after = this.neighbour(row, 1, (r) => r.needsWork());
    return after || this.rows.find((r) => r !== row && r.needsWork()) || null;
  }

  /** Unsaved text this browser kept for these rows goes back into their fields (and is saved). */
  restoreBackups(rows) {
    for (const row of rows) {
      const backup = readBackup(row.id);
      if (!backup || backup.text === (row.data.target_text || "")) continue;
      row.field.value = backup.text;
      autosize(row.field);
      this.saver.changed(row);
      if (backup.version !== row.data.version) this.saver.save(row);
      this.restored++;
    }
    if (this.restored) this.onRestored(this.restored);
  }

  stop() {
    this.stopped = true;
  }
}
