import { assign } from 'xstate';
import type { AccessPorts, ImportKind } from './ports.ts';
import type { FlowContext, FlowEvent, UploadState } from './accessFlow.types.ts';

// A spreadsheet sent in the chat: which kind it holds (asked when its header cannot tell), its preview
// against the practice, and the one write, importing its new rows, which reports back with an event.

type Args = { context: FlowContext; event: FlowEvent };
type Of<T extends FlowEvent['type']> = Extract<FlowEvent, { type: T }>;

export const IMPORT_KINDS: readonly ImportKind[] = ['companies', 'colleagues'];

/** The file as the flow keeps it, previewed now when its kind is known. */
function previewed(ports: AccessPorts, practiceId: string, file: { fileId: string; name: string; kind: ImportKind | null }): UploadState {
  const upload: UploadState = { ...file, preview: null, problem: null, imported: null };
  if (!file.kind) return upload;
  const found = ports.previewUpload(practiceId, file.fileId, file.kind);
  return found.status === 'ready' ? { ...upload, preview: found.summary } : { ...upload, problem: found.problem };
}

export function createImportGuards() {
  return {
    isFile: ({ event }: Args) => {
      const file = (event as Of<'FILE'>).file;
      return typeof file === 'object' && file !== null && typeof file.id === 'string' && typeof file.name === 'string'
        && (file.kind === null || IMPORT_KINDS.includes(file.kind));
    },
    uploadNeedsKind: ({ context }: Args) => !context.upload?.kind,
    uploadUnusable: ({ context }: Args) => !!context.upload?.problem,
    kindOffered: ({ event }: Args) => IMPORT_KINDS.includes((event as Of<'PICK_KIND'>).kind),
    /** Only the file previewed now, with rows to import (a card from an earlier file names another). */
    importsThisFile: ({ context, event }: Args) =>
      !!context.upload && (event as Of<'IMPORT'>).fileId === context.upload.fileId && (context.upload.preview?.fresh ?? 0) > 0,
    uploadImported: ({ context }: Args) => !!context.upload?.imported,
    uploadNotAllowed: ({ context }: Args) => context.upload?.problem?.reason === 'not-allowed',
  };
}

export function createImportActions(ports: AccessPorts) {
  return {
    takeFile: assign<FlowContext, FlowEvent, undefined, FlowEvent, never>(({ context, event }) => {
      const { id, name, kind } = (event as Of<'FILE'>).file;
      return { upload: previewed(ports, context.practiceId, { fileId: id, name, kind }) };
    }),
    pickKind: assign<FlowContext, FlowEvent, undefined, FlowEvent, never>(({ context, event }) => ({
      upload: previewed(ports, context.practiceId, { ...context.upload!, kind: (event as Of<'PICK_KIND'>).kind }),
    })),
    forgetKind: assign<FlowContext, FlowEvent, undefined, FlowEvent, never>(({ context }) => ({
      upload: { ...context.upload!, kind: null, preview: null, problem: null },
    })),
    importUpload: ({ context, self }: Args & { self: { send: (event: FlowEvent) => void } }) => {
      const { fileId, kind } = context.upload!;
      ports.importUpload({ practiceId: context.practiceId, actorId: context.actorId, fileId, kind: kind! }).then(
        (result) => self.send({ type: 'IMPORTED', result }),
        (error: unknown) => self.send({ type: 'IMPORT_FAILED', error: String(error) }),
      );
    },
    /** What the import did, or why it did nothing (rule 1's refusal kept as the problem 'not-allowed'). */
    keepImport: assign<FlowContext, FlowEvent, undefined, FlowEvent, never>(({ context, event }) => {
      const result = (event as Of<'IMPORTED'>).result;
      if (result?.status === 'done') return { upload: { ...context.upload!, imported: result.summary } };
      const problem = result?.status === 'refused' ? { reason: result.reason } : result?.status === 'unusable' ? result.problem : { reason: 'gone' };
      return { upload: { ...context.upload!, problem } };
    }),
  };
}
