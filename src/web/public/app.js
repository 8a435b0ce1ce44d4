// The local chat page: talks to the assistant through the bot's own protocol (activities with
// deliveryMode 'expectReplies'), draws its Adaptive Cards with the official renderer.
/* global AdaptiveCards */

const $ = (id) => document.getElementById(id);
const log = $('log');
const input = $('message');
const language = $('language');
const person = $('person');
const stored = new URLSearchParams(location.search);

let strings = {};
let conversationId = newConversationId();

function newConversationId() {
  return `local-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

function say(key, values = {}) {
  const text = key.split('.').reduce((o, k) => (o ? o[k] : undefined), strings) ?? key;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name) => values[name] ?? '');
}

async function loadStrings() {
  const lang = language.value.startsWith('fr') ? 'fr' : 'en';
  strings = await (await fetch(`/web/strings/${lang}.json`)).json();
  document.documentElement.lang = lang;
  document.title = say('title');
  for (const el of document.querySelectorAll('[data-text]')) el.textContent = say(el.dataset.text);
  for (const option of person.options) option.textContent = say(`people.${option.value}`);
  input.placeholder = say('placeholder');
}

function activity(extra) {
  return {
    type: 'message',
    id: crypto.randomUUID(),
    timestamp: new Date().toISOString(),
    channelId: 'webchat',
    serviceUrl: location.origin,
    deliveryMode: 'expectReplies',
    conversation: { id: conversationId },
    from: { id: person.value, name: person.value },
    recipient: { id: 'access-assistant', name: 'Access Assistant' },
    locale: language.value,
    ...extra,
  };
}

async function send(extra, shown, { focusCard = false } = {}) {
  // Acting on a card (keyboard or pointer) moves focus on to the next card, so a keyboard user
  // does not have to Tab back through every earlier card; typing in the composer keeps focus there.
  const fromCard = log.contains(document.activeElement);
  if (shown) addEntry('user', shown);
  let response;
  try {
    response = await fetch('/api/messages', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(activity(extra)),
    });
  } catch {
    response = { ok: false, status: '—' };
  }
  if (!response.ok) {
    // A file larger than the server's request limit (MAX_BODY_KB) is refused before the assistant sees it.
    const file = extra.attachments?.[0];
    addEntry('bot', response.status === 413 && file ? say('fileTooBig', { name: file.name }) : say('sendFailed', { status: response.status }));
    return;
  }
  const body = await response.json();
  const replies = body.activities ?? [];
  // A new step answers the earlier ones: their buttons are no longer tab stops (the assistant would refuse them).
  if (replies.some(offersActions)) retireEarlierReplies();
  for (const reply of replies) showReply(reply);
  if (fromCard || focusCard) focusLatest();
  await refreshPanel();
}

const offersActions = (reply) =>
  (reply.attachments ?? []).some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive') || (reply.suggestedActions?.actions ?? []).length > 0;

const CONTROLS = 'button, input, select, textarea, [role="button"]';

/** Earlier cards stay readable, their controls out of the tab order and marked unavailable. */
function retireEarlierReplies() {
  for (const entry of log.querySelectorAll('.entry.bot:not(.answered)')) {
    entry.classList.add('answered');
    for (const control of entry.querySelectorAll(CONTROLS)) {
      if ('disabled' in control) control.disabled = true;
      else control.tabIndex = -1;
      control.setAttribute('aria-disabled', 'true');
      control.classList.remove('ac-selectable'); // the renderer's hover and pointer for what can be clicked
    }
  }
}

/**
 * Focus on the newest card's first control, in the order it is drawn (a choice before a "search again" field),
 * else on the card itself, else the composer. Its group is named by its title, which is read on the way in.
 */
function focusLatest() {
  const cards = log.querySelectorAll('.entry.bot:not(.answered) .card');
  const card = cards[cards.length - 1];
  const first = card && [...card.querySelectorAll(CONTROLS)].find((el) => !el.disabled && el.tabIndex >= 0);
  (first ?? card ?? input).focus({ preventScroll: true });
}

function addEntry(who, text) {
  const item = document.createElement('li');
  item.className = `entry ${who}`;
  const name = document.createElement('span');
  name.className = 'who';
  name.textContent = who === 'user' ? say('you') : say('assistant');
  item.append(name);
  if (text) {
    const body = document.createElement('div');
    body.className = 'text';
    body.textContent = text;
    item.append(body);
  }
  log.append(item);
  item.scrollIntoView({ block: 'nearest' });
  return item;
}

function showReply(reply) {
  const cards = (reply.attachments ?? []).filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  const item = addEntry('bot', cards.length ? '' : reply.text);
  for (const attachment of cards) item.append(renderCard(attachment.content));
  const suggested = reply.suggestedActions?.actions ?? [];
  if (suggested.length) {
    const row = document.createElement('div');
    row.className = 'suggested';
    for (const action of suggested) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = action.title;
      button.addEventListener('click', () => send({ text: String(action.value) }, action.title));
      row.append(button);
    }
    item.append(row);
  }
  // 'nearest': a short reply is shown whole; a tall one (a role's permissions) from its title.
  item.scrollIntoView({ block: 'nearest' });
}

// Card texts are escaped Markdown: show them as written (escapes read as Markdown reads them), never as HTML.
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  const span = document.createElement('span');
  span.textContent = text.replace(/\\([!-/:-@[-`{-~])/g, '$1');
  result.outputHtml = span.innerHTML;
  result.didProcess = true;
};

// The page's own colours for card text, each at least 4.5:1 on both backgrounds (white, and #F5F7FA for rows).
const ink = (colour) => ({ default: colour, subtle: colour });
const FOREGROUNDS = {
  default: { default: '#1F2933', subtle: '#52606D' },
  dark: ink('#1F2933'),
  light: ink('#FFFFFF'),
  accent: ink('#0B6E4F'),
  good: ink('#0B6E4F'),
  warning: ink('#8A4B00'),
  attention: ink('#B42318'),
};
const HOST_CONFIG = new AdaptiveCards.HostConfig({
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  // The page is h1, the conversation h2: each card's title is a heading of level 3.
  textBlock: { headingLevel: 3 },
  containerStyles: {
    default: { backgroundColor: '#FFFFFF', foregroundColors: FOREGROUNDS },
    emphasis: { backgroundColor: '#F5F7FA', foregroundColors: FOREGROUNDS },
  },
  actions: { actionsOrientation: 'vertical', actionAlignment: 'stretch', buttonSpacing: 6, maxActions: 40 },
});
// A card is a group named by its title, focused only by the page (when it has no control of its own).
AdaptiveCards.GlobalSettings.setTabIndexAtCardRoot = false;
let cardCount = 0;

function renderCard(content) {
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = HOST_CONFIG;
  card.onExecuteAction = (action) => {
    // A row tapped on an answered card (it is no longer a tab stop, but still takes a click).
    if (element.closest('.answered')) return;
    const data = action.data ?? {};
    // A typed answer is shown as typed ("boulangerie dupont"), not as the button's title ("Search").
    const typed = data.textInput && typeof data.text === 'string' && data.text.trim();
    send({ value: data, text: undefined }, typed || action.title);
  };
  card.parse(content);
  const element = card.render();
  element.classList.add('card');
  const title = element.querySelector('[role="heading"]') ?? element.querySelector('.ac-textBlock');
  element.setAttribute('role', 'group');
  element.tabIndex = -1;
  if (title) {
    title.id = `card-title-${++cardCount}`;
    element.setAttribute('aria-labelledby', title.id);
  }
  // An action's tooltip says which row it acts on (Show role Bookkeeper): it is the name a screen reader reads.
  for (const action of card.getAllActions()) {
    if (action.tooltip && action.renderedElement) action.renderedElement.setAttribute('aria-label', action.tooltip);
  }
  // Enter in a card's text field does what its submit button does, as in any form.
  const submitText = card.getAllActions().find((action) => action.data?.textInput);
  for (const field of element.querySelectorAll('input[type="text"], input:not([type])')) {
    field.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || event.isComposing || !submitText?.renderedElement) return;
      event.preventDefault();
      submitText.renderedElement.click();
    });
  }
  return element;
}

async function refreshPanel() {
  const query = new URLSearchParams({ conversation: conversationId, person: person.value, locale: language.value });
  const response = await fetch(`/local/panel?${query}`);
  if (!response.ok) return;
  const panel = await response.json();
  const list = $('panel-people');
  list.replaceChildren();
  $('panel-company').textContent = panel.company ? say('panelCompany', { company: panel.company }) : say('panelEmpty');
  for (const someone of panel.people) {
    const item = document.createElement('li');
    const name = document.createElement('strong');
    name.textContent = someone.name + (someone.invited ? ` (${say('panelInvited')})` : '');
    const roles = document.createElement('span');
    roles.textContent = someone.roles || say('noRoles');
    item.append(name, document.createElement('br'), roles);
    list.append(item);
  }
  panelScrollsByKeyboard();
}

/** The panel, once longer than the window leaves it, is a tab stop: focused, the arrow keys scroll it. */
function panelScrollsByKeyboard() {
  const panel = $('panel');
  if (panel.scrollHeight > panel.clientHeight + 1) panel.tabIndex = 0;
  else panel.removeAttribute('tabindex');
}
new ResizeObserver(panelScrollsByKeyboard).observe($('panel'));

// On a phone the composer stays at the bottom of the screen; style.css keeps what has focus scrolled above it.
const composer = $('composer');
new ResizeObserver(() => document.documentElement.style.setProperty('--composer-height', `${composer.offsetHeight}px`)).observe(composer);

/** A new conversation. Focus stays where it is, unless it was on a card that is gone: then the new card's. */
async function start() {
  const focusWasInLog = log.contains(document.activeElement);
  log.replaceChildren();
  conversationId = newConversationId();
  await send({ type: 'conversationUpdate', membersAdded: [{ id: 'access-assistant' }], text: undefined });
  if (focusWasInLog) focusLatest();
}

/**
 * Calls `apply` once a select's new value is meant: picked from its open list, or confirmed with Enter or by
 * leaving the select. The arrow keys (and letters) change a closed select's value at once: that is browsing,
 * so it waits, and Escape puts the value in use back.
 */
function onCommit(select, apply) {
  let applied = select.value;
  let browsing = false;
  const commit = async () => {
    browsing = false;
    if (select.value === applied) return;
    applied = select.value;
    await apply();
  };
  const opensList = (event) => event.key === ' ' || event.key === 'F4' || (event.altKey && /^Arrow(Down|Up)$/.test(event.key));
  select.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      commit();
    } else if (event.key === 'Escape') {
      select.value = applied;
      browsing = false;
    } else if (opensList(event)) browsing = false;
    else if (!['Tab', 'Shift', 'Control', 'Alt', 'Meta'].includes(event.key)) browsing = true;
  });
  select.addEventListener('pointerdown', () => (browsing = false));
  select.addEventListener('change', () => {
    if (!browsing) commit();
  });
  select.addEventListener('blur', commit);
}

$('composer').addEventListener('submit', (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = '';
  send({ text }, text);
});
// A file chosen is read here and sent as the Emulator sends one: an attachment carrying it as a data: URL.
const fileInput = $('file');
fileInput.addEventListener('change', async () => {
  const file = fileInput.files?.[0];
  // Cleared, so that choosing the same file again (corrected) sends it again.
  fileInput.value = '';
  if (!file) return;
  let contentUrl;
  try {
    contentUrl = await new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result);
      reader.onerror = () => reject(reader.error);
      reader.readAsDataURL(file);
    });
  } catch {
    addEntry('bot', say('fileUnreadable', { name: file.name }));
    return;
  }
  const contentType = file.type || (/\.csv$/i.test(file.name) ? 'text/csv' : 'application/octet-stream');
  await send({ text: '', attachments: [{ contentType, name: file.name, contentUrl }] }, say('fileSent', { name: file.name }), { focusCard: true });
});
$('restart').addEventListener('click', start);

if (stored.get('lang')) language.value = stored.get('lang');
if (stored.get('as')) person.value = stored.get('as');
onCommit(language, async () => {
  await loadStrings();
  await start();
});
onCommit(person, start);
await loadStrings();
await start();
input.focus();
