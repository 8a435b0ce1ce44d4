import { offeredLanguages, offeredProducts } from '../../../flows/accessFlow.offers.ts';
import type { LanguageCode } from '../../../flows/ports.ts';
import type { Block, Choice, Prompt } from '../prompt.ts';
import { asOfferPorts } from '../stepLookups.ts';
import { companyName, languageName, nav, personName, productName, roleName, text, type StepInput } from './shared.ts';

function grantOf(input: StepInput, product = input.context.product) {
  const { context, lookups } = input;
  if (context.person?.kind !== 'colleague' || !context.companyId || !product) return undefined;
  return lookups.grantOf(context.practiceId, context.companyId, context.person.colleagueId, product);
}

function isProtected(input: StepInput, product = input.context.product): boolean {
  const { context, lookups } = input;
  if (context.person?.kind !== 'colleague' || !context.companyId || !product) return false;
  return lookups.isProtectedGrant(context.practiceId, context.companyId, context.person.colleagueId, product);
}

/** 'product': the products offered, each with the person's current role there; rule 2's grant left out. */
export function productPrompt(input: StepInput): Prompt {
  const { t, context } = input;
  const mode = context.mode ?? 'add';
  const all = offeredProducts(asOfferPorts(input.lookups), context);
  const offered = all.filter((product) => mode === 'add' || !isProtected(input, product));
  const choices: Choice[] = offered.map((product) => {
    const grant = grantOf(input, product);
    return {
      label: productName(input, product),
      detail: grant ? t('common.currentRole', { role: roleName(input, grant.roleId) }) : undefined,
      event: { type: 'PICK_PRODUCT', product },
    };
  });
  const vars = { name: personName(input), company: companyName(input) };
  const key = mode === 'add' ? 'textAdd' : mode === 'edit' ? 'textEdit' : 'textRemove';
  const body: Block[] = [text(t(`steps.product.${key}`, vars))];
  // Rule 2 said plainly when it is why a product is not offered.
  if (offered.length < all.length) body.push(text(t('notices.protected-owner'), { tone: 'warning' }));
  if (choices.length === 0) body.push(text(t('steps.product.nothing', vars), { tone: 'warning' }));
  return { title: t('steps.product.title'), body, choices, actions: nav(input) };
}

/** 'existingGrant': adding a product the person already has a role in; edit it instead? */
export function existingGrantPrompt(input: StepInput): Prompt {
  const { t, context } = input;
  const grant = grantOf(input);
  const body: Block[] = [
    text(t('steps.existingGrant.text', {
      name: personName(input),
      role: roleName(input, grant?.roleId),
      product: productName(input, context.product),
    })),
  ];
  const locked = isProtected(input);
  if (locked) body.push(text(t('steps.existingGrant.protected'), { tone: 'warning' }));
  const choices: Choice[] = locked
    ? []
    : [{ label: t('steps.existingGrant.editInstead'), event: { type: 'EDIT_INSTEAD' }, style: 'positive' }];
  return { title: t('steps.existingGrant.title'), body, choices, actions: nav(input) };
}

/** 'language': the five preferred languages, named in their own language; the current one marked. */
export function languagePrompt(input: StepInput): Prompt {
  const { t, context, lookups } = input;
  const colleagueLanguage =
    context.person?.kind === 'colleague' ? lookups.colleagueLanguage(context.practiceId, context.person.colleagueId) : undefined;
  const marked: LanguageCode | undefined = context.current?.language ?? colleagueLanguage;
  const markLabel = context.current ? t('common.current') : t('steps.language.usual');
  return {
    title: t('steps.language.title'),
    body: [text(t('steps.language.text', { product: productName(input, context.product), name: personName(input) }))],
    choices: offeredLanguages().map((language) => ({
      label: languageName(input, language),
      detail: language === marked ? markLabel : undefined,
      event: { type: 'PICK_LANGUAGE', language },
    })),
    actions: nav(input),
  };
}
