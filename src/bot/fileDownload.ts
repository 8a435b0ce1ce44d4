// Fetches a file sent in the chat: a data: URL (the local page, the Emulator) or an http(s) link (Teams'
// pre-authenticated download link, other channels' content URLs), with a size cap and a deadline. Redirects
// are followed by hand, a few at most and only to http(s): a link never leads to a local file or another scheme.
import type { FileBytes } from '../conversation/interpretFile.ts';

export interface FileLimits {
  /** The largest file taken (MAX_IMPORT_FILE_KB). */
  maxBytes: number;
  /** How long fetching it may take, redirects and body included (OUTBOUND_TIMEOUT_MS). */
  timeoutMs: number;
}

export const DEFAULT_IMPORT_FILE_KB = 5 * 1024;
export const DEFAULT_FILE_LIMITS: FileLimits = { maxBytes: DEFAULT_IMPORT_FILE_KB * 1024, timeoutMs: 5000 };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;
const WEB = new Set(['http:', 'https:']);

export async function fetchFile(link: string, limits: FileLimits): Promise<FileBytes> {
  const tooBig = { ok: false, problem: { reason: 'too-big', maxMb: Math.round((limits.maxBytes / (1024 * 1024)) * 100) / 100 } } as const;
  const unreachable = { ok: false, problem: { reason: 'unreachable' } } as const;
  let url = URL.canParse(link) ? new URL(link) : undefined;
  if (!url || !(WEB.has(url.protocol) || url.protocol === 'data:')) return unreachable;
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    for (let hops = 0; ; hops += 1) {
      const response: Response = await fetch(url, { redirect: 'manual', signal });
      const next: string | null = response.headers.get('location');
      if (REDIRECTS.has(response.status) && next && hops < MAX_REDIRECTS && URL.canParse(next, url)) {
        await response.body?.cancel();
        url = new URL(next, url);
        if (!WEB.has(url.protocol)) return unreachable;
        continue;
      }
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        return url.protocol === 'data:' ? { ok: false, problem: { reason: 'unreadable' } } : unreachable;
      }
      if (Number(response.headers.get('content-length')) > limits.maxBytes) {
        await response.body.cancel();
        return tooBig;
      }
      const bytes = await readUpTo(response.body, limits.maxBytes);
      return bytes ? { ok: true, bytes } : tooBig;
    }
  } catch {
    // Refused, reset, timed out, or a data: URL that is not one: nothing to read.
    return url.protocol === 'data:' ? { ok: false, problem: { reason: 'unreadable' } } : unreachable;
  }
}

/** The whole body, or undefined (and the rest left unread) once it passes `max` bytes. */
async function readUpTo(body: ReadableStream<Uint8Array>, max: number): Promise<Uint8Array | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = body.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    size += read.value.byteLength;
    if (size > max) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks, size);
}
