import type { Place } from "../core/ticket/domain.js";
import { placeLabel, roomLabel } from "../core/ticket/domain.js";
import { STEP_COLUMN, type StepDeadlines } from "../core/deadlines/escalation.js";

/** A place as the Ticket table's columns. */
export function placeColumns(p: Place | null) {
  if (!p) return { room: null, building: null, unit: null, roomNo: null, location: null };
  if (p.kind === "location") return { room: null, building: null, unit: null, roomNo: null, location: p.location };
  return { room: roomLabel(p), building: p.building, unit: p.unit, roomNo: p.room, location: null };
}

/** Back from the columns to a place. */
export function placeOf(row: { building: string | null; unit: string | null; roomNo: string | null; location: string | null }): Place | null {
  if (row.building && row.roomNo) return { kind: "room", building: row.building, unit: row.unit, room: row.roomNo };
  if (row.location) return { kind: "location", location: row.location };
  return null;
}

/** The place as people read it: 3栋2单元201, or the public location. */
export function placeText(row: Parameters<typeof placeOf>[0]): string | null {
  const p = placeOf(row);
  return p ? placeLabel(p) : null;
}

/** A ticket row's step deadlines (what the escalation rules read). */
export function deadlinesOfRow(row: Record<(typeof STEP_COLUMN)[keyof typeof STEP_COLUMN], Date | null>): StepDeadlines {
  return Object.fromEntries(Object.values(STEP_COLUMN).map((c) => [c, row[c]])) as StepDeadlines;
}
