// Autosave: PATCH on pause or blur with the segment's version; retries; conflicts; local backup.

import { api } from "./api.js";
import { errorText } from "./format.js";

const PAUSE_MS = 800;
const RETRY_MS = [1000, 2000, 5000, 10000, 30000];
const BACKUP = "werkbank.unsaved.";

/** Unsaved text kept in localStorage until the server has it (survives a crash or reload). */
export function readBackup(segmentId) {
  try {
    return JSON.parse(localStorage.getItem(BACKUP + segmentId) || "null");
  } catch {
    return null;
  }
}

function writeBackup(row) {
  try {
    localStorage.setItem(BACKUP + row.id, JSON.stringify({ text: row.field.value, version: row.data.version }));
  } catch {
    // Storage full or disabled: the in-page state and the unload warning still protect the text.
  }
}

function dropBackup(row) {
  try {
    localStorage.removeItem(BACKUP + row.id);
  } catch {
    // see writeBackup
  }
}

export class Autosaver {
  /** resolveConflict(row, mine, current) → Promise<{choice, text}>; onSaved(row) after each save. */
  constructor({ resolveConflict, onSaved }) {
    this.resolveConflict = resolveConflict;
    this.onSaved = onSaved;
    this.rows = new Set();
  }

  /** The field changed: remember it, save after a pause. */
  changed(row) {
    const saved = row.data.target_text || "";
    row.dirty = row.field.value !== saved;
    if (!row.dirty) {
      clearTimeout(row.saveTimer);
      dropBackup(row);
      if (row.saveState === "dirty") row.setSave("clean");
      return;
    }
    this.rows.add(row);
    writeBackup(row);
    if (row.saveState !== "saving" && row.saveState !== "conflict") row.setSave("dirty");
    clearTimeout(row.saveTimer);
    row.saveTimer = setTimeout(() => this.save(row), PAUSE_MS);
  }

  hasUnsaved() {
    return [...this.rows].some((row) => row.dirty);
  }

  /** Save now if needed; resolves true when the server holds the field's text. */
  async flush(row) {
    clearTimeout(row.saveTimer);
    if (row.inflight) await row.inflight;
    if (!row.dirty) return true;
    return this.save(row);
  }

  async flushAll() {
    const results = await Promise.all([...this.rows].map((row) => this.flush(row)));
    return results.every(Boolean);
  }

  save(row) {
    clearTimeout(row.saveTimer);
    if (row.inflight) {
      row.saveAgain = true;
      return row.inflight;
    }
    if (!row.dirty) return Promise.resolve(true);
    row.inflight = this.patch(row).finally(() => {
      row.inflight = null;
      if (row.saveAgain) {
        row.saveAgain = false;
        if (row.dirty) this.save(row);
      }
    });
    return row.inflight;
  }

  async patch(row) {
    const text = row.field.value;
    row.setSave("saving");
    try {
      const seg = await api(`/api/segments/${row.id}`, {
        method: "PATCH",
        body: { target_text: text, version: row.data.version },
      });
      row.retries = 0;
      clearTimeout(row.retryTimer);
      row.dirty = row.field.value !== (seg.target_text || "");
      row.update(seg);
      if (row.dirty) {
        writeBackup(row);
        row.setSave("dirty");
        row.saveAgain = true;
      } else {
        dropBackup(row);
        row.setSave("saved");
      }
      this.onSaved(row);
      return !row.dirty;
    } catch (error) {
      return this.failed(row, text, error);
    }
  }

  async failed(row, text, error) {
    if (error.code === "version_conflict" && error.detail.current) {
      row.setSave("conflict");
      const { choice, text: chosen } = await this.resolveConflict(row, text, error.detail.current);
      row.data = error.detail.current;
      if (choice === "theirs") {
        row.dirty = false;
        row.update(error.detail.current);
        row.field.value = error.detail.current.target_text || "";
        dropBackup(row);
        row.setSave("clean");
        this.onSaved(row);
        return true;
      }
      row.field.value = chosen;
      row.update(error.detail.current);
      row.dirty = chosen !== (error.detail.current.target_text || "");
      writeBackup(row);
      return this.patch(row);
    }
    if (error.code === "segment_approved") {
      row.setSave("locked");
      this.refresh(row);
      return false;
    }
    const permanent = error.status >= 400 && error.status < 500 && ![401, 408, 429].includes(error.status);
    row.setSave("failed", permanent ? `nicht gespeichert: ${errorText(error)}` : undefined);
    if (!permanent) this.scheduleRetry(row);
    return false;
  }

  scheduleRetry(row) {
    clearTimeout(row.retryTimer);
    const delay = RETRY_MS[Math.min(row.retries || 0, RETRY_MS.length - 1)];
    row.retries = (row.retries || 0) + 1;
    row.retryTimer = setTimeout(() => {
      if (row.dirty) this.save(row);
    }, delay);
  }

  async refresh(row) {
    try {
      const seg = await api(`/api/segments/${row.id}`);
      row.data = seg;
      row.render();
    } catch {
      // Keep what we have; the indicator already says the text is not saved.
    }
  }

  stop() {
    for (const row of this.rows) {
      clearTimeout(row.saveTimer);
      clearTimeout(row.retryTimer);
    }
  }
}
