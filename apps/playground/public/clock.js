// The clock panel. The server pushes the emulator's clock whenever it changes; between pushes the
// page moves it forward itself (a shifted clock still ticks), and reads quiet hours with core.
import { explainQuietTime } from '/vendor/core/index.js';

const $ = (id) => document.getElementById(id);

const REASONS = {
  night: 'night',
  sunday: 'Sunday',
  holiday: 'public holiday',
  'closed-date': 'closed date',
  'closed-weekday': 'closed day',
  'between-windows': 'between send windows',
};
const full = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});
const short = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Paris',
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
});
/** `YYYY-MM-DDTHH:mm` in Paris, for the datetime-local input. */
const local = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

let state;
let receivedAt = 0;
let lastQuiet;

function now() {
  const base = new Date(state.now).getTime();
  return new Date(state.mode === 'real' ? base + (performance.now() - receivedAt) : base);
}

function render() {
  if (!state) return;
  const at = now();
  $('clock-now').textContent = full.format(at);
  $('clock-now').dateTime = at.toISOString();
  $('clock-mode').textContent = state.realTime
    ? 'real time'
    : state.mode === 'real'
      ? 'shifted, ticking'
      : 'frozen';
  const why = explainQuietTime(at);
  const quiet = why.quiet
    ? `Quiet hours (${why.holiday?.name ?? REASONS[why.reason] ?? why.reason}): commercial SMS are held until ${short.format(why.releaseAt)}`
    : 'Sending window: commercial SMS leave at once';
  if (quiet !== lastQuiet) {
    lastQuiet = quiet;
    $('clock-quiet').textContent = quiet;
    $('clock-quiet').className = `badge ${why.quiet ? 'badge-held' : 'badge-delivered'}`;
  }
}

/** A clock state pushed by the server. */
export function setClock(next) {
  state = next;
  receivedAt = performance.now();
  const release = $('clock-release');
  release.disabled = next.releases.length === 0;
  release.textContent = next.releases.length
    ? `Release held messages (${short.format(new Date(next.releases[0].at))})`
    : 'Release held messages';
  $('clock-real').disabled = next.realTime;
  if (document.activeElement !== $('clock-at'))
    $('clock-at').value = local.format(now()).replace(' ', 'T');
  render();
}

export function startTicking() {
  setInterval(render, 1000);
}
