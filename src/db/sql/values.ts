/**
 * One shape of a row's values from either driver: SQLite gives ISO text, 0/1 and JSON as text; PostgreSQL
 * gives Dates, booleans and parsed JSON.
 */
export const readDate = (v: unknown): Date | null => (v === null || v === undefined ? null : v instanceof Date ? v : new Date(String(v)));
export const readFlag = (v: unknown): boolean => v === true || v === 1 || v === "1" || v === "t";
export const readJson = <T = unknown>(v: unknown): T | null => (v === null || v === undefined ? null : typeof v === "string" ? (JSON.parse(v) as T) : (v as T));
