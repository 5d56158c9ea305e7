// The live side of the page: each message's life, the phone, the log. Fed by the server's
// event stream (see app.js); nothing here polls.

const $ = (id) => document.getElementById(id);

export const STATE_LABELS = {
  sending: 'Sending',
  accepted: 'Accepted',
  held: 'Held (quiet hours)',
  scheduled: 'Scheduled',
  delivered: 'Delivered',
  not_delivered: 'Not delivered',
  ko: 'Failed (ko)',
  waiting: 'Waiting',
  unknown: 'Unknown',
  failed: 'Refused',
};
const APP_LABELS = { express: 'Express', hono: 'Hono', nestjs: 'NestJS' };
const SOURCE_LABELS = { ...APP_LABELS, emulator: 'Emulator', phone: 'Phone', clock: 'Clock' };

const time = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const dateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function timeEl(iso, format = time) {
  const node = el('time', 'when', format.format(new Date(iso)));
  node.dateTime = iso;
  return node;
}

const messages = new Map();

function messageCard(m) {
  const li = el('li', `msg state-${m.state}`);
  li.id = `msg-${m.id}`;
  li.dataset.state = m.state;
  li.dataset.app = m.app;
  if (m.messageId) li.dataset.messageId = m.messageId;
  const head = el('div', 'msg-head');
  const title = el('h3', 'msg-title');
  title.append(
    el('span', `app-tag app-${m.app}`, APP_LABELS[m.app]),
    ` → ${m.to}`,
    m.messageId ? el('span', 'muted', ` #${m.messageId}`) : '',
  );
  const badge = el('span', `badge badge-${m.state}`, STATE_LABELS[m.state] ?? m.state);
  badge.setAttribute('data-testid', 'state');
  head.append(title, badge);
  const facts = [];
  if (m.billedSegments !== undefined) facts.push(`${m.billedSegments} SMS billed`);
  if (m.encoding) facts.push(m.encoding === 'gsm7' ? 'GSM-7' : 'UCS-2');
  if (m.cost !== undefined) facts.push(`${m.cost.toFixed(3)} €`);
  const text = el('p', 'msg-text', m.text);
  const timeline = el('ol', 'timeline');
  for (const step of m.timeline) {
    const item = el('li', `step step-${step.state}`);
    item.append(timeEl(step.at), ' ', el('span', '', step.text));
    timeline.append(item);
  }
  li.append(head, text);
  if (facts.length) li.append(el('p', 'msg-facts muted', facts.join(' · ')));
  li.append(timeline);
  return li;
}

/** Adds or replaces a message card (newest first). */
export function upsertMessage(m) {
  const list = $('messages');
  const card = messageCard(m);
  const existing = document.getElementById(card.id);
  if (existing) existing.replaceWith(card);
  else list.prepend(card);
  messages.set(m.id, m);
  $('messages-empty').hidden = messages.size > 0;
  refreshPhone();
}

export function resetMessages(list) {
  messages.clear();
  $('messages').replaceChildren();
  for (const m of list) upsertMessage(m);
  $('messages-empty').hidden = messages.size > 0;
  refreshPhone();
}

/** Messages already offered by the phone, to tell a newly accepted one. */
let offered = new Set();

/**
 * The phone's "reply to" choices: messages SMS Partner accepted, newest first. A newly accepted
 * message is selected (you answer what you just sent); otherwise the choice is kept.
 */
function refreshPhone() {
  const select = $('phone-message');
  const previous = select.value;
  const accepted = [...messages.values()].filter((m) => m.messageId).reverse();
  const fresh = accepted.some((m) => !offered.has(m.id));
  offered = new Set(accepted.map((m) => m.id));
  select.replaceChildren(
    ...accepted.map((m) => {
      const option = el('option', '', `#${m.messageId} to ${m.to} (${APP_LABELS[m.app]})`);
      option.value = m.id;
      return option;
    }),
  );
  if (fresh) select.value = accepted[0].id;
  else if (accepted.some((m) => m.id === previous)) select.value = previous;
  const none = accepted.length === 0;
  select.disabled = none;
  $('phone-reply').disabled = none;
  $('phone-stop').disabled = none;
  $('phone-empty').hidden = !none;
}

export function setOptedOut(numbers) {
  $('opted-out').textContent = numbers.length
    ? `Opted out (STOP): ${numbers.join(', ')}`
    : 'Nobody has opted out yet.';
}

export function appendLog(entry) {
  const log = $('log');
  const li = el('li', `log-${entry.app}`);
  li.append(
    timeEl(entry.at, dateTime),
    ' ',
    el('span', `source source-${entry.app}`, SOURCE_LABELS[entry.app] ?? entry.app),
    ' ',
    el('span', '', entry.text),
  );
  log.append(li);
  while (log.children.length > 300) log.firstElementChild.remove();
  log.scrollTop = log.scrollHeight;
}

export function resetLog(entries) {
  $('log').replaceChildren();
  for (const entry of entries) appendLog(entry);
}
