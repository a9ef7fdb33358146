/** The logging the core needs; pino provides it (src/log.ts), tests may pass a silent one. */
export interface Logger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
