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
  for (const reply of body.activities ?? []) showReply(reply);
  if (fromCard || focusCard) focusLatest();
  await refreshPanel();
}

/** The newest card's first field, else the card itself (it is focusable), else the composer. */
function focusLatest() {
  const entry = log.lastElementChild;
  const target = entry?.querySelector('.card input, .card select, .card textarea') ?? entry?.querySelector('.card') ?? input;
  target.focus({ preventScroll: true });
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

function renderCard(content) {
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = new AdaptiveCards.HostConfig({
    fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
    actions: { actionsOrientation: 'vertical', actionAlignment: 'stretch', buttonSpacing: 6, maxActions: 40 },
  });
  card.onExecuteAction = (action) => {
    const data = action.data ?? {};
    // A typed answer is shown as typed ("boulangerie dupont"), not as the button's title ("Search").
    const typed = data.textInput && typeof data.text === 'string' && data.text.trim();
    send({ value: data, text: undefined }, typed || action.title);
  };
  card.parse(content);
  const element = card.render();
  element.classList.add('card');
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
}

async function start() {
  log.replaceChildren();
  conversationId = newConversationId();
  await send({ type: 'conversationUpdate', membersAdded: [{ id: 'access-assistant' }], text: undefined });
  input.focus();
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
language.addEventListener('change', async () => {
  await loadStrings();
  await start();
});
person.addEventListener('change', start);
$('restart').addEventListener('click', start);

if (stored.get('lang')) language.value = stored.get('lang');
if (stored.get('as')) person.value = stored.get('as');
await loadStrings();
await start();
