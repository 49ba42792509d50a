// Confirm dialogs and other modals are opened through window events (@mantine/modals) that the
// modal host handles. The host loads after the page is interactive, so requests made before it has
// mounted are kept here and replayed to it.

const EVENT_NAMES = [
  'openModal',
  'openConfirmModal',
  'openContextModal',
  'closeModal',
  'closeAllModals',
  'updateModal',
  'updateContextModal',
].map((name) => `mantine-modals:${name}`);

let held: CustomEvent[] = [];
let state: 'idle' | 'holding' | 'released' = 'idle';

function hold(event: Event) {
  held.push(event as CustomEvent);
}

/** From now until the host has mounted, keeps the modal requests made in this window. */
export function holdEarlyModalEvents(): void {
  if (state !== 'idle' || typeof window === 'undefined') return;
  state = 'holding';
  for (const name of EVENT_NAMES) window.addEventListener(name, hold);
}

/** Called once the host listens: stops holding and hands it the requests made before. */
export function releaseEarlyModalEvents(): void {
  if (state !== 'holding') return;
  state = 'released';
  for (const name of EVENT_NAMES) window.removeEventListener(name, hold);
  const events = held;
  held = [];
  for (const event of events) window.dispatchEvent(new CustomEvent(event.type, { detail: event.detail }));
}
