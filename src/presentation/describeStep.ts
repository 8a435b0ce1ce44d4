import type { TFunction } from 'i18next';
import type { FlowContext } from '../../flows/accessFlow.types.ts';
import type { Prompt } from './prompt.ts';
import type { StepLookups } from './stepLookups.ts';
import type { StepInput } from './steps/shared.ts';
import { actionChoosePrompt, actionListPrompt } from './steps/action.prompt.ts';
import { batchChoosePrompt, batchConfirmPrompt, batchDonePrompt, batchFailedPrompt, batchNothingPrompt } from './steps/batch.prompt.ts';
import { builderBasePrompt, builderNamePrompt, builderPermissionsPrompt, builderReviewPrompt } from './steps/builder.prompt.ts';
import { companyChoosePrompt, companySearchPrompt } from './steps/company.prompt.ts';
import { confirmPrompt } from './steps/confirm.prompt.ts';
import { conflictPrompt, donePrompt, refusedPrompt } from './steps/outcome.prompt.ts';
import { personChoosePrompt, personInvitePrompt, personSearchPrompt } from './steps/person.prompt.ts';
import { existingGrantPrompt, languagePrompt, productPrompt } from './steps/product.prompt.ts';
import { rolePreviewPrompt, roleChoosePrompt } from './steps/role.prompt.ts';
import { clientStaffPrompt, notAllowedPrompt, welcomePrompt } from './steps/welcome.prompt.ts';
import { personAccessPrompt } from './steps/personAccess.prompt.ts';
import { historyPrompt } from './steps/history.prompt.ts';
import { viewChoosePrompt } from './steps/viewChoose.prompt.ts';
import { cancelInvitationPrompt, invitationsPrompt } from './steps/invitations.prompt.ts';
import {
  importChangedPrompt, importConfirmPrompt, importDonePrompt as teamImportDonePrompt, importLanguagePrompt, importNonePrompt, importPickPrompt, importRolePrompt,
} from './steps/teamImport.prompt.ts';
import { importDonePrompt, importKindPrompt, importPreviewPrompt, importUnusablePrompt } from './steps/import.prompt.ts';

export { describeNotice } from './steps/notice.ts';
export { helpFor, notUnderstood } from './steps/help.ts';
export { answerLine } from './steps/outcome.prompt.ts';
export type { StepLookups } from './stepLookups.ts';

/** Every resting step of the flow: its active leaf state, joined by dots. */
export const STEP_IDS = [
  'idle',
  'notAllowed',
  'company.search',
  'company.choose',
  'action.choose',
  'action.list',
  'person.search',
  'person.choose',
  'person.invite',
  'clientStaff',
  'product',
  'existingGrant',
  'role.choose',
  'role.preview',
  'role.builder.name',
  'role.builder.base',
  'role.builder.permissions',
  'role.builder.review',
  'language',
  'confirm',
  'done',
  'conflict',
  'refused',
  'batch.choose',
  'batch.confirm',
  'batch.done',
  'batch.failed',
  'batch.nothing',
  'view.choose',
  'view.personAccess',
  'view.history',
  'view.invitations',
  'view.cancelInvitation',
  'importTeam.none',
  'importTeam.pick',
  'importTeam.role',
  'importTeam.language',
  'importTeam.confirm',
  'importTeam.done',
  'importTeam.changed',
  'import.kind',
  'import.preview',
  'import.done',
  'import.unusable',
] as const;
export type StepId = (typeof STEP_IDS)[number];

const DESCRIBE: Record<StepId, (input: StepInput) => Prompt> = {
  idle: welcomePrompt,
  notAllowed: notAllowedPrompt,
  'company.search': companySearchPrompt,
  'company.choose': companyChoosePrompt,
  'action.choose': actionChoosePrompt,
  'action.list': actionListPrompt,
  'person.search': personSearchPrompt,
  'person.choose': personChoosePrompt,
  'person.invite': personInvitePrompt,
  clientStaff: clientStaffPrompt,
  product: productPrompt,
  existingGrant: existingGrantPrompt,
  'role.choose': roleChoosePrompt,
  'role.preview': rolePreviewPrompt,
  'role.builder.name': builderNamePrompt,
  'role.builder.base': builderBasePrompt,
  'role.builder.permissions': builderPermissionsPrompt,
  'role.builder.review': builderReviewPrompt,
  language: languagePrompt,
  confirm: confirmPrompt,
  done: donePrompt,
  conflict: conflictPrompt,
  refused: refusedPrompt,
  'batch.choose': batchChoosePrompt,
  'batch.confirm': batchConfirmPrompt,
  'batch.done': batchDonePrompt,
  'batch.failed': batchFailedPrompt,
  'batch.nothing': batchNothingPrompt,
  'view.choose': viewChoosePrompt,
  'view.personAccess': personAccessPrompt,
  'view.history': historyPrompt,
  'view.invitations': invitationsPrompt,
  'view.cancelInvitation': cancelInvitationPrompt,
  'importTeam.none': importNonePrompt,
  'importTeam.pick': importPickPrompt,
  'importTeam.role': importRolePrompt,
  'importTeam.language': importLanguagePrompt,
  'importTeam.confirm': importConfirmPrompt,
  'importTeam.done': teamImportDonePrompt,
  'importTeam.changed': importChangedPrompt,
  'import.kind': importKindPrompt,
  'import.preview': importPreviewPrompt,
  'import.done': importDonePrompt,
  'import.unusable': importUnusablePrompt,
};

export function isStepId(step: string): step is StepId {
  return (STEP_IDS as readonly string[]).includes(step);
}

/** A step as the person sees it, in their language: what the card and the plain-text reply both draw. */
export function describeStep(input: {
  step: StepId;
  context: FlowContext;
  lookups: StepLookups;
  t: TFunction;
  firstName?: string;
}): Prompt {
  return { ...DESCRIBE[input.step](input), hint: input.t(`steps.${input.step}.hint`) };
}
