import type { AccessPorts } from './ports.ts';
import { LANGUAGES } from './ports.ts';
import type { Field, FlowContext, FlowEvent } from './accessFlow.types.ts';
import { canCreateRoles, changeableFields, offeredProducts, offeredRoles } from './accessFlow.offers.ts';

type Args = { context: FlowContext; event: FlowEvent };
type Of<T extends FlowEvent['type']> = Extract<FlowEvent, { type: T }>;

const text = (event: FlowEvent) => (event as Of<'TEXT'>).text.trim();

/** The rules of the flow, over the practice's data as the ports show it. */
export function createFlowGuards(ports: AccessPorts) {
  const grantOf = (context: FlowContext) =>
    context.person?.kind === 'colleague' && context.companyId && context.product
      ? ports.grantOf(context.practiceId, context.companyId, context.person.colleagueId, context.product)
      : undefined;
  const isProtected = (context: FlowContext, product = context.product) =>
    context.person?.kind === 'colleague' &&
    !!context.companyId &&
    !!product &&
    ports.isProtectedGrant(context.practiceId, context.companyId, context.person.colleagueId, product);

  return {
    mayNotManage: ({ context }: Args) => !ports.canManageUsers(context.practiceId, context.actorId),
    isEditing: ({ context }: Args, params: { field: Field }) => context.editing === params.field,
    isEditingAny: ({ context }: Args) => context.editing !== null,
    isAdding: ({ context }: Args) => context.mode === 'add',
    isRemoving: ({ context }: Args) => context.mode === 'remove',

    isBatch: ({ event }: Args) => {
      const spec = (event as Of<'BATCH'>).spec;
      return typeof spec === 'object' && spec !== null && ['several', 'copy', 'removeAll', 'undo'].includes(spec.kind);
    },
    batchNeedsCompany: ({ context }: Args) => context.batch?.spec.kind === 'several' && context.batch.spec.companyMatches.length > 0,
    batchHasNothing: ({ context }: Args) => !context.batch || context.batch.changes.length === 0,
    batchCompanyOffered: ({ context, event }: Args) =>
      context.batch?.spec.kind === 'several' && context.batch.spec.companyMatches.includes((event as Of<'PICK_COMPANY'>).companyId),
    batchCommitted: ({ event }: Args) => (event as Of<'BATCH_COMMITTED'>).result.status === 'done',
    isRequest: ({ event }: Args) => {
      const request = (event as Of<'REQUEST'>).request;
      return typeof request === 'object' && request !== null;
    },
    needsCompany: ({ context }: Args) => !context.companyId,
    offersCompanies: ({ context }: Args) => !!context.requested && !context.companyId && context.companyMatches.length > 1,
    offersPeople: ({ context }: Args) => !!context.requested && !context.person && context.personMatches.length > 1,
    isListing: ({ context }: Args) => !!context.listing && !context.mode,
    needsMode: ({ context }: Args) => !context.mode,
    needsPerson: ({ context }: Args) => !context.person,
    needsProduct: ({ context }: Args) =>
      !context.product || !offeredProducts(ports, context).includes(context.product),
    alreadyGranted: ({ context }: Args) => context.mode === 'add' && !!grantOf(context),
    needsRole: ({ context }: Args) =>
      context.mode !== 'remove' && (!context.roleId || !offeredRoles(ports, context).includes(context.roleId)),
    needsLanguage: ({ context }: Args) => context.mode !== 'remove' && !context.language,

    noCompanyMatch: ({ context }: Args) => context.companyMatches.length === 0,
    oneCompanyMatch: ({ context }: Args) => context.companyMatches.length === 1,
    companyOffered: ({ context, event }: Args) =>
      context.companyMatches.includes((event as Of<'PICK_COMPANY'>).companyId),

    wantsList: ({ event }: Args) => (event as Of<'PICK_ACTION'>).action === 'list',

    isClientStaffEmail: ({ context }: Args) =>
      !!context.pendingEmail && ports.isClientStaffEmail(context.practiceId, context.companyId!, context.pendingEmail),
    onePersonMatch: ({ context }: Args) => context.personMatches.length === 1,
    somePersonMatches: ({ context }: Args) => context.personMatches.length > 1,
    isNewEmail: ({ context }: Args) => !!context.pendingEmail,
    personOffered: ({ context, event }: Args) =>
      context.personMatches.includes((event as Of<'PICK_PERSON'>).colleagueId),

    productNotOffered: ({ context, event }: Args) =>
      !offeredProducts(ports, context).includes((event as Of<'PICK_PRODUCT'>).product),
    productProtected: ({ context, event }: Args) =>
      context.mode !== 'add' && isProtected(context, (event as Of<'PICK_PRODUCT'>).product),
    existingProtected: ({ context }: Args) => isProtected(context),

    roleOffered: ({ context, event }: Args) =>
      offeredRoles(ports, context).includes((event as Of<'PICK_ROLE'>).roleId),
    hasPermissionCatalogue: ({ context }: Args) => canCreateRoles(ports, context),
    roleNameProblem: ({ context, event }: Args) =>
      ports.roleNameProblem(context.practiceId, context.product!, text(event)) !== undefined,
    baseOffered: ({ context, event }: Args) => {
      const base = (event as Of<'PICK_BASE'>).roleId;
      return base === null || offeredRoles(ports, context).includes(base);
    },
    permissionInCatalogue: ({ context, event }: Args) =>
      ports.productPermissions(context.product!).includes((event as Of<'TOGGLE_PERMISSION'>).permission),
    permissionsChosen: ({ context, event }: Args) => {
      const catalogue = ports.productPermissions(context.product!);
      const chosen = (event as Of<'SET_PERMISSIONS'>).permissions;
      return Array.isArray(chosen) && chosen.length > 0 && chosen.every((p) => catalogue.includes(p));
    },
    draftHasPermissions: ({ context }: Args) => (context.draft?.permissions.length ?? 0) > 0,
    languageOffered: ({ event }: Args) =>
      (LANGUAGES as readonly string[]).includes((event as Of<'PICK_LANGUAGE'>).language),
    mayChange: ({ context, event }: Args) =>
      (changeableFields(context) as readonly Field[]).includes((event as Of<'CHANGE'>).field),

    committed: ({ event }: Args) => (event as Of<'COMMITTED'>).result.status === 'done',
    conflicted: ({ event }: Args) => (event as Of<'COMMITTED'>).result.status === 'conflict',
    alreadyApplied: ({ context, event }: Args) => {
      const result = (event as Of<'COMMITTED'>).result;
      if (result.status !== 'conflict') return false;
      if (context.mode === 'remove') return result.current === null;
      return result.current?.roleId === context.roleId && result.current?.language === context.language;
    },
  };
}
