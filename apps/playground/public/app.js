// Wires the page: the form, the phone, the clock buttons, and the server's event stream.
import { setClock, startTicking } from './clock.js';
import { analysisOptions, updateAnalysis } from './compose.js';
import { appendLog, resetLog, resetMessages, setOptedOut, upsertMessage } from './live.js';

const $ = (id) => document.getElementById(id);

async function post(path, body) {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.error ?? `HTTP ${response.status}`);
  return data;
}

function status(id, text, isError = false) {
  const node = $(id);
  node.textContent = text;
  node.classList.toggle('error', isError);
}

// --- Compose and send ---------------------------------------------------------------------

for (const id of ['message', 'mode-sp', 'mode-generic', 'opt-unicode', 'opt-stop', 'opt-range']) {
  $(id).addEventListener(id === 'message' ? 'input' : 'change', updateAnalysis);
}
$('message').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) $('send-form').requestSubmit();
});

$('send-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const app = new FormData(event.target).get('app');
  const options = analysisOptions();
  const body = {
    app,
    to: $('to').value,
    message: $('message').value,
    quietHours: $('quiet-mode').value,
    // Generic mode only changes the count shown; a send always follows SMS Partner's rules.
    ...(options.encoding ? {} : options),
  };
  const button = $('send');
  button.disabled = true;
  status('send-status', `Sending through ${app}…`);
  try {
    const message = await post('/api/send', body);
    status(
      'send-status',
      message.state === 'failed'
        ? `Refused: ${message.error?.message ?? 'see the message'}`
        : `Accepted as #${message.messageId}. Watch its life on the right.`,
      message.state === 'failed',
    );
  } catch (error) {
    status('send-status', error.message, true);
  } finally {
    button.disabled = false;
  }
});

// --- Phone ----------------------------------------------------------------------------------

for (const action of ['reply', 'stop']) {
  $(`phone-${action}`).addEventListener('click', async () => {
    try {
      await post('/api/phone', {
        action,
        id: $('phone-message').value,
        text: action === 'stop' ? 'STOP' : $('phone-text').value,
      });
      status('phone-status', action === 'stop' ? 'STOP sent.' : 'Reply sent.');
    } catch (error) {
      status('phone-status', error.message, true);
    }
  });
}

// --- Clock ----------------------------------------------------------------------------------

async function clock(body) {
  try {
    setClock(await post('/api/clock', body));
    status('clock-status', '');
  } catch (error) {
    status('clock-status', error.message, true);
  }
}
for (const button of document.querySelectorAll('[data-preset]')) {
  button.addEventListener('click', () =>
    clock({ action: 'preset', preset: button.dataset.preset }),
  );
}
$('clock-form').addEventListener('submit', (event) => {
  event.preventDefault();
  clock({ action: 'set', at: $('clock-at').value });
});
$('clock-release').addEventListener('click', () => clock({ action: 'release' }));
$('clock-real').addEventListener('click', () => clock({ action: 'real' }));

$('log-emulator').addEventListener('change', (event) => {
  $('log').classList.toggle('hide-emulator', !event.target.checked);
});

// --- Live updates (Server-Sent Events) ------------------------------------------------------

function applySnapshot(state) {
  resetMessages(state.messages);
  resetLog(state.log);
  setOptedOut(state.optedOut);
  setClock(state.clock);
  document.body.dataset.ready = 'true';
}

function connect() {
  const source = new EventSource('/api/events');
  const connection = $('connection');
  document.body.dataset.live = 'connecting';
  source.addEventListener('open', () => {
    connection.textContent = 'Live';
    connection.className = 'badge badge-delivered';
    document.body.dataset.live = 'open';
  });
  source.addEventListener('error', () => {
    connection.textContent = 'Reconnecting…';
    connection.className = 'badge badge-held';
  });
  source.addEventListener('snapshot', (event) => applySnapshot(JSON.parse(event.data)));
  source.addEventListener('message', (event) => upsertMessage(JSON.parse(event.data)));
  source.addEventListener('log', (event) => appendLog(JSON.parse(event.data)));
  source.addEventListener('opted-out', (event) => setOptedOut(JSON.parse(event.data)));
  source.addEventListener('clock', (event) => setClock(JSON.parse(event.data)));
}

/**
 * Opens the event stream at the first sign of a person. Screenshot and prerendering tools
 * (`chromium --headless --screenshot`, above all with `--virtual-time-budget`) wait for the
 * network to go quiet, and an event stream never does; they get the page complete without it,
 * from the state the server put in the page.
 */
function goLiveOnFirstUse() {
  const events = ['pointerdown', 'pointermove', 'keydown', 'touchstart', 'wheel', 'focusin'];
  const start = () => {
    for (const type of events) window.removeEventListener(type, start, true);
    document.removeEventListener('visibilitychange', onVisible);
    connect();
  };
  // A tab opened in the background and then shown has a person in front of it.
  const onVisible = () => document.visibilityState === 'visible' && start();
  for (const type of events) window.addEventListener(type, start, { capture: true, passive: true });
  document.addEventListener('visibilitychange', onVisible);
}

const initial = document.getElementById('initial-state');
if (initial) applySnapshot(JSON.parse(initial.textContent));
updateAnalysis();
startTicking();
goLiveOnFirstUse();
