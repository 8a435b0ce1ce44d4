import type { ImportSummary } from '../../../flows/ports.ts';
import { fileProblemLine, refusalLine } from '../importLines.ts';
import type { Block, Prompt } from '../prompt.ts';
import { nav, text, type StepInput } from './shared.ts';

// A spreadsheet sent to import: which kind it lists (when its header cannot tell), what importing it
// would do, what it did, or why it cannot be imported. Every sentence about a row is the command's too.

const fileOf = ({ context }: StepInput) => context.upload!;

/** "New — 8", "Already there — 2", "Refused — 2", then each refusal's line and reason, the first ten. */
function counts(input: StepInput, summary: ImportSummary): Block[] {
  const { t } = input;
  const blocks: Block[] = [{
    kind: 'facts',
    facts: [
      { title: t('steps.import.preview.fresh'), value: String(summary.fresh) },
      { title: t('steps.import.preview.existing'), value: String(summary.existing) },
      { title: t('steps.import.preview.refused'), value: String(summary.refused) },
    ],
  }];
  if (summary.refused === 0) return blocks;
  blocks.push(text(t('steps.import.preview.refusedText')));
  blocks.push(...summary.refusals.map((refusal) => text(`• ${refusalLine(t, refusal)}`, { subtle: true })));
  const more = summary.refused - summary.refusals.length;
  if (more > 0) blocks.push(text(t('steps.import.preview.more', { count: more }), { subtle: true }));
  return blocks;
}

/** 'import.kind': the header does not say what the file lists. */
export function importKindPrompt(input: StepInput): Prompt {
  const { t } = input;
  return {
    title: t('steps.import.kind.title'),
    body: [text(t('steps.import.kind.text', { name: fileOf(input).name }))],
    choices: [
      { label: t('steps.import.kind.companies'), event: { type: 'PICK_KIND', kind: 'companies' } },
      { label: t('steps.import.kind.colleagues'), event: { type: 'PICK_KIND', kind: 'colleagues' } },
    ],
    actions: nav(input, { back: false }),
  };
}

/** 'import.preview': nothing is written before the person confirms. */
export function importPreviewPrompt(input: StepInput): Prompt {
  const { t } = input;
  const upload = fileOf(input);
  const summary = upload.preview!;
  const body: Block[] = [text(t('steps.import.preview.from', { name: upload.name }), { subtle: true }), ...counts(input, summary)];
  if (summary.fresh > 0) body.push(text(t(`steps.import.preview.note.${summary.kind}`)));
  else body.push(text(t('steps.import.preview.nothing'), { tone: 'warning' }));
  return {
    title: t(`steps.import.preview.title.${summary.kind}`),
    body,
    choices: summary.fresh > 0
      ? [{ label: t(`steps.import.preview.button.${summary.kind}`, { count: summary.fresh }), event: { type: 'IMPORT', fileId: upload.fileId }, style: 'positive' }]
      : [],
    actions: nav(input, { back: t('steps.import.preview.otherKind') }),
  };
}

/** 'import.done': what was added, in one change, and what was left as it was. */
export function importDonePrompt(input: StepInput): Prompt {
  const { t } = input;
  const done = fileOf(input).imported!;
  const body: Block[] = [text(t(`steps.import.done.${done.kind}`, { count: done.fresh }), { tone: 'good' })];
  if (done.existing > 0) body.push(text(t('steps.import.done.existing', { count: done.existing })));
  if (done.refused > 0) body.push(text(t('steps.import.done.refused', { count: done.refused })));
  body.push(text(t('steps.import.done.history'), { subtle: true }));
  return {
    title: t('steps.done.title'),
    body,
    choices: [{ label: t('steps.import.done.giveAccess'), event: { type: 'START', mode: 'add' } }],
    actions: [],
  };
}

/** 'import.unusable': the file is gone, or lacks what the kind needs; nothing was imported. */
export function importUnusablePrompt(input: StepInput): Prompt {
  const { t } = input;
  const { name, kind, problem } = fileOf(input);
  const gone = problem!.reason === 'gone';
  const body: Block[] = [text(gone ? t('steps.import.unusable.gone', { name }) : fileProblemLine(t, problem!), { tone: 'attention' })];
  if (!gone && kind) body.push(text(t(`steps.import.unusable.columns.${kind}`)));
  body.push(text(t('steps.import.unusable.nothing')));
  return {
    title: t('steps.import.unusable.title'),
    body,
    choices: [],
    actions: nav(input, { back: gone ? false : t('steps.import.preview.otherKind') }),
  };
}
