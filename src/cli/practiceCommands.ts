// The operator's commands on the store: register a practice, show it, import its client companies and
// colleagues. Messages are for the operator, in English; an import's refusals use the chat's sentences.
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import { OPERATOR, type LanguageCode } from '../../flows/ports.ts';
import type { ImportKind } from '../import/importPreview.ts';
import { readCsv } from '../import/readCsv.ts';
import { translatorFor } from '../presentation/i18n.ts';
import type { AccessRepository } from '../repository/accessRepository.ts';
import type { PracticeProblem } from '../domain/practiceSetup.ts';
import { refusedFileLine } from '../presentation/importLines.ts';
import { kindName, previewLines, tableLine } from './importText.ts';

export interface CommandContext {
  repository: AccessRepository;
  dataFile: string;
  /** False when the store file does not exist yet (only `create` makes it). */
  exists: boolean;
  print: (line: string) => void;
  /** The operator's answer to a yes/no question; undefined when there is none (end of input). */
  ask: (question: string) => Promise<string | undefined>;
}

/** A refusal the operator can act on: printed without a stack, exit code 1. */
export class Refused extends Error {}

const t = translatorFor('en');
const EXAMPLE_TENANT = '7d3c9a52-5f1e-4b8a-9c2d-1e0f3a4b5c6d';

function practiceOf(context: CommandContext, tenant: string): string {
  if (!context.exists) {
    throw new Refused(`There is no store at ${context.dataFile} yet: register the practice first with npm run practice -- create --name <name> --tenant <tenant id> --owner-email <e-mail>`);
  }
  const practiceId = context.repository.practiceByTenant(tenant.trim());
  if (!practiceId) throw new Refused(`The store ${context.dataFile} has no practice with tenant ${tenant}.`);
  return practiceId;
}

function problemMessage(problem: PracticeProblem, fields: Record<string, string | undefined>, context: CommandContext): string {
  switch (problem) {
    case 'bad-name': return '--name must be the practice\'s name (1 to 200 characters).';
    case 'bad-tenant': return `--tenant must be the practice's Microsoft Entra tenant id, a GUID such as ${EXAMPLE_TENANT} (Entra admin center → Overview → Tenant ID); got "${fields.tenant}".`;
    case 'tenant-taken': return `The store ${context.dataFile} already has a practice with tenant ${fields.tenant}; nothing was changed (npm run practice -- show --tenant ${fields.tenant} shows it).`;
    case 'bad-email': return `--owner-email must be the Business Owner's e-mail address; got "${fields.ownerEmail}".`;
    case 'bad-owner-name': return '--owner-name must be 1 to 200 characters.';
    case 'bad-language': return `--owner-language must be one of en-GB, en-US, en-CA, fr-FR, fr-CA; got "${fields.ownerLanguage}".`;
  }
}

export async function create(context: CommandContext, fields: { name?: string; tenant?: string; ownerEmail?: string; ownerName?: string; ownerLanguage?: string }): Promise<void> {
  const outcome = await context.repository.registerPractice({
    name: fields.name ?? '', tenantId: fields.tenant ?? '', ownerEmail: fields.ownerEmail ?? '',
    ownerName: fields.ownerName, ownerLanguage: fields.ownerLanguage as LanguageCode | undefined,
  });
  if (outcome.status === 'refused') throw new Refused(problemMessage(outcome.problem, fields, context));
  const summary = context.repository.practiceSummary(outcome.practiceId)!;
  context.print(`Registered ${summary.name} (tenant ${summary.tenantId}) in ${context.dataFile}.`);
  context.print(`Its Business Owner, ${fields.ownerEmail!.trim()}, is invited: known by e-mail only until linked to their Microsoft Entra user.`);
  context.print(`Next: npm run practice -- import --tenant ${summary.tenantId} companies <file.csv>, then colleagues <file.csv>.`);
}

export function show(context: CommandContext, tenant: string, json: boolean): void {
  const summary = context.repository.practiceSummary(practiceOf(context, tenant))!;
  if (json) return context.print(JSON.stringify(summary));
  context.print(`${summary.name} (tenant ${summary.tenantId}) in ${context.dataFile}`);
  context.print(`  ${summary.companies} client companies, ${summary.colleagues} colleagues, ${summary.grants} grants, ${summary.invitations} invitations`);
}

const YES = new Set(['y', 'yes', 'o', 'oui']);

export async function importFile(context: CommandContext, tenant: string, kind: ImportKind, file: string, yes: boolean): Promise<void> {
  const practiceId = practiceOf(context, tenant);
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new Refused(`Cannot read ${file}: ${error.code === 'ENOENT' ? 'there is no such file' : error.message}.`);
  });
  const started = performance.now();
  const read = readCsv(bytes);
  if (!read.ok) throw new Refused(refusedFileLine(t, basename(file), read.problem));
  const result = context.repository.previewImport(practiceId, kind, read.table)!;
  const elapsed = performance.now() - started;
  if (!result.ok) throw new Refused(refusedFileLine(t, basename(file), result.problem));
  const { name } = context.repository.practiceSummary(practiceId)!;
  context.print(tableLine(basename(file), read.table));
  for (const line of previewLines(t, result.preview, name)) context.print(line);
  context.print(`Preview made in ${Math.round(elapsed)} ms.`);
  const count = result.preview.fresh.length;
  if (count === 0) return context.print('Nothing to import.');
  if (!yes) {
    const answer = await context.ask(`Import the ${kindName(kind, count)}? [y/N] `);
    if (answer === undefined) throw new Refused('No answer: nothing was imported (add --yes to import without asking).');
    if (!YES.has(answer.trim().toLowerCase())) return context.print('Nothing was imported.');
  }
  const outcome = await context.repository.importRows(practiceId, OPERATOR, kind, read.table);
  if (outcome.status !== 'done') throw new Refused('The import was refused; nothing was imported.');
  await context.repository.compact();
  context.print(`Imported ${kindName(kind, outcome.preview.fresh.length)} in one change, audited as the operator's.`);
}
