// Reads a referee report named by a root's dataURI (file:// or http(s)://). The chain holds only the report's Merkle
// root, so the caller checks the report against it; here a report that cannot be read (no such file, a server error, not
// JSON, another scheme) is `undefined`, which the caller records as "unavailable" instead of failing the handler.
import { readFile } from "node:fs/promises";

/** The JSON report at `uri`, or undefined if it cannot be read. */
export async function loadReport<T>(uri: string): Promise<T | undefined> {
  try {
    if (uri.startsWith("file://")) return JSON.parse(await readFile(new URL(uri), "utf8")) as T;
    if (/^https?:\/\//.test(uri)) {
      const res = await fetch(uri);
      // an error page is no report (before, its JSON body, if any, was taken for one and then failed the root check)
      return res.ok ? ((await res.json()) as T) : undefined;
    }
  } catch {
    return undefined;
  }
  return undefined;
}
