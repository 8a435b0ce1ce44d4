// An import's refusals and file problems in words: the operator's command prints them and the chat's
// preview card shows them, from the same codes and the same sentences in locales/.
import type { TFunction } from 'i18next';
import type { ImportProblem, ImportRefusal } from '../../flows/ports.ts';

/** "Line 7: “Sage” is not a product (…)". */
export function refusalLine(t: TFunction, refusal: ImportRefusal): string {
  return t('import.row', { line: refusal.line, reason: t(`import.refused.${refusal.reason}`, { value: refusal.value, firstLine: refusal.firstLine }) });
}

/** Why a file cannot be read or imported: "The file is empty.", "… it has no E-mail column." */
export function fileProblemLine(t: TFunction, problem: ImportProblem): string {
  const column = problem.column ? t(`import.columns.${problem.column}`) : undefined;
  return t(`import.file.${problem.reason}`, { ...problem, column });
}

/** "clients.csv: The file is empty. Nothing was imported." */
export function refusedFileLine(t: TFunction, name: string, problem: ImportProblem): string {
  return t('import.refusedFile', { name, problem: fileProblemLine(t, problem) });
}
