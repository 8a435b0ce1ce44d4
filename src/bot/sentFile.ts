// A file sent with a message, as each channel delivers it. Teams (a personal chat, the app's manifest
// saying `supportsFiles`) sends a `file.download.info` attachment whose `content.downloadUrl` is a
// pre-authenticated link, fetched with a plain GET; other channels and the local page send a `contentUrl`,
// a data: URL or an http(s) link. Only what looks like a CSV export is ever fetched.
import type { Activity, Attachment, FileDownloadInfo } from 'botbuilder';
import type { FileSent } from '../conversation/interpretFile.ts';
import { fetchFile, type FileLimits } from './fileDownload.ts';

export const TEAMS_FILE = 'application/vnd.microsoft.teams.file.download.info';
/** What browsers and mail clients call a CSV export (Excel on Windows registers .csv as ms-excel). */
const CSV_TYPES = new Set(['text/csv', 'application/csv', 'text/comma-separated-values', 'text/x-csv', 'application/vnd.ms-excel']);

const isCsvName = (name: string) => /\.csv$/i.test(name.trim());

/** The link's last path segment, for a file sent without a name. */
function nameFromLink(link: string): string {
  if (!URL.canParse(link) || link.startsWith('data:')) return '';
  const last = new URL(link).pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/**
 * The file a message carries, if any. An attachment is a file when Teams says so or when it has a link
 * of its own; a card, or Teams' formatted copy of the text (text/html, inline), is not.
 */
export function sentFileOf(activity: Partial<Activity>, limits: FileLimits): FileSent | undefined {
  // As the door read them (src/bot/activitySchema.ts): a list of objects whose fields are strings or nothing.
  for (const attachment of activity.attachments ?? []) {
    const found = fileOf(attachment);
    if (!found) continue;
    const { name, link, csv } = found;
    return { name: name || nameFromLink(link), read: csv ? () => fetchFile(link, limits) : null };
  }
  return undefined;
}

function fileOf(attachment: Attachment): { name: string; link: string; csv: boolean } | undefined {
  const name = attachment.name ?? '';
  if (attachment.contentType === TEAMS_FILE) {
    // The content is what its contentType says, as the sender wrote it.
    const info = (attachment.content ?? {}) as { [K in keyof FileDownloadInfo]?: unknown };
    const link = textOf(info.downloadUrl);
    const csv = textOf(info.fileType).toLowerCase() === 'csv' || isCsvName(name);
    return { name, link, csv: csv && !!link };
  }
  const link = attachment.contentUrl ?? '';
  if (!link) return undefined;
  const type = (attachment.contentType ?? '').split(';')[0].trim().toLowerCase();
  return { name, link, csv: CSV_TYPES.has(type) || isCsvName(name) };
}

/** A field of a Teams file's content: a string, or nothing (never an object whose toString a sender wrote). */
const textOf = (value: unknown): string => (typeof value === 'string' ? value : '');
