// An unexpected error in a turn: a short apology in the person's language with a way to start over,
// nothing stored changes, and the next message works.
import { describe, expect, it } from 'vitest';
import { TO_SUMMARY, createHarness, play, type Harness } from '../support/conversationHarness.ts';

const BAKERY = 'co-boulangerie-dupont';
const CAMILLE = 'demo-basic';

/** Makes one repository method throw the next time it is called, then behave again. */
function failOnce<K extends 'findCompanies' | 'commit'>(h: Harness, method: K) {
  const real = h.repository[method].bind(h.repository) as (...args: unknown[]) => unknown;
  let calls = 0;
  (h.repository as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
    if (calls++ === 0) throw new Error(`${method}: the disk is on fire`);
    return real(...args);
  };
}

const files = async (h: Harness) => ({
  store: JSON.stringify(await h.storeOnDisk()),
  conversations: JSON.stringify(await h.conversationsOnDisk()),
});


describe.each([
  {
    language: 'English',
    locale: 'en-GB',
    start: 'add a user',
    apology: 'Sorry, something went wrong on my side, and nothing was changed. Say "start over" to begin again.',
    startOver: 'Start over',
    next: 'Who should have access to Boulangerie Dupont SARL?',
  },
  {
    language: 'French',
    locale: 'fr-FR',
    start: 'ajouter un utilisateur',
    apology: 'Désolé, un problème est survenu de mon côté, et rien n\'a été modifié. Dites « recommencer » pour reprendre depuis le début.',
    startOver: 'Recommencer',
    next: 'Qui doit avoir accès à Boulangerie Dupont SARL ?',
  },
])('a repository read failing in the middle of a turn, in $language', ({ locale, start, apology, startOver, next }) => {
  it('gets a short apology with a way to start over, changes nothing stored, and the next message works', async () => {
    const h = await createHarness({ locale, catchEscapedErrors: true });
    await h.say(start);
    const before = await files(h);
    failOnce(h, 'findCompanies');

    const replies = await h.say('boulangerie dupont');

    expect(replies).toHaveLength(1);
    expect(replies[0].text?.replace(/\u00A0/g, ' ')).toBe(apology.replace(/\u00A0/g, ' '));
    expect(replies[0].suggestedActions?.actions.map((a) => a.title)).toEqual([startOver]);
    expect(h.errors).toHaveLength(1);
    expect(await files(h)).toEqual(before);

    // The flow is where it was: the same answer now goes through.
    await play(h, [['boulangerie dupont', next]]);
    await play(h, [[startOver, locale === 'fr-FR' ? 'Quelle entreprise cliente ?' : 'Which client company?']]);
  });
});

describe('the commit itself failing', () => {
  it('is apologised for, nothing is stored, and Add on the same card then works once', async () => {
    const h = await createHarness({ locale: 'en-GB', catchEscapedErrors: true });
    await play(h, TO_SUMMARY);
    const before = await files(h);
    failOnce(h, 'commit');

    await play(h, [[{ click: 'Add' }, 'Sorry, something went wrong on my side, and nothing was changed.']]);
    expect(await files(h)).toEqual(before);
    expect(h.repository.grantOf('demo', BAKERY, CAMILLE, 'autoentry')).toBeUndefined();

    // The summary card is still the live one.
    await play(h, [[{ clickOld: 0, title: 'Add' }, 'Added: Documents standard on AutoEntry for Camille Leroy']]);
    expect(h.practice().audit.map((e) => `${e.action} ${e.product} ${e.outcome}`)).toEqual([
      'grant-added autoentry done',
      'grant-added client-management done',
    ]);
  });
});

describe('failures around a turn', () => {
  // An action of the flow throws (here a repository read): the turn apologises, and the error must
  // not also escape later, outside the turn, as an uncaught exception.
  it('an error inside the flow does not escape the turn as an uncaught exception', async () => {
    const h = await createHarness({ locale: 'en-GB', catchEscapedErrors: true });
    await h.say('add a user');
    failOnce(h, 'findCompanies');
    await h.say('boulangerie dupont');
    expect(h.lastText()).toContain('Sorry, something went wrong on my side');
    expect(h.escaped).toEqual([]);
  });

  // The change is in the store, then noting the conversation's progress fails: the person is told
  // what was done, and clicking Add again (from the older step) is recognised as already applied.
  it('when the conversation cannot be saved after a change was made, the person is not told nothing changed', async () => {
    const h = await createHarness({ locale: 'en-GB', catchEscapedErrors: true });
    await play(h, TO_SUMMARY);
    const write = h.conversations.write.bind(h.conversations);
    let calls = 0;
    h.conversations.write = async (changes) => {
      if (calls++ === 0) throw new Error('conversations file: disk full');
      return write(changes);
    };

    await h.click('Add');

    expect(h.repository.grantOf('demo', BAKERY, CAMILLE, 'autoentry')?.roleId).toBe('autoentry.documents-standard');
    expect(h.lastText()).not.toContain('nothing was changed');

    // The conversation was left at the summary: confirming again finds the change already made.
    await h.say('yes');
    expect(h.lastText()).not.toContain('Someone else');
    expect(h.lastText()).toContain('next time');
    const added = h.repository.audit('demo').filter((e) => e.action === 'grant-added' && e.outcome === 'done' && e.product === 'autoentry');
    expect(added).toHaveLength(1);
  });
});
