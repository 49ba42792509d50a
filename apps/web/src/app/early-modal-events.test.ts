import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

async function freshModule() {
  vi.resetModules();
  return import('./early-modal-events');
}

function request(name: string, detail: unknown) {
  window.dispatchEvent(new CustomEvent(`mantine-modals:${name}`, { detail }));
}

describe('modal requests made before the modal host mounts', () => {
  beforeEach(() => vi.stubGlobal('window', new EventTarget()));
  afterEach(() => vi.unstubAllGlobals());

  it('reach the host once it listens, in the order they were made', async () => {
    const { holdEarlyModalEvents, releaseEarlyModalEvents } = await freshModule();
    holdEarlyModalEvents();
    request('openConfirmModal', { modalId: 'a' });
    request('closeModal', 'a');

    const seen: unknown[] = [];
    window.addEventListener('mantine-modals:openConfirmModal', (event) =>
      seen.push((event as CustomEvent).detail),
    );
    window.addEventListener('mantine-modals:closeModal', (event) => seen.push((event as CustomEvent).detail));
    releaseEarlyModalEvents();

    expect(seen).toEqual([{ modalId: 'a' }, 'a']);
  });

  it('are no longer held after the release, so each later request reaches the host once', async () => {
    const { holdEarlyModalEvents, releaseEarlyModalEvents } = await freshModule();
    holdEarlyModalEvents();
    const seen: unknown[] = [];
    window.addEventListener('mantine-modals:openModal', (event) => seen.push((event as CustomEvent).detail));
    releaseEarlyModalEvents();

    request('openModal', { modalId: 'b' });
    releaseEarlyModalEvents();
    holdEarlyModalEvents();
    request('openModal', { modalId: 'c' });
    releaseEarlyModalEvents();

    expect(seen).toEqual([{ modalId: 'b' }, { modalId: 'c' }]);
  });
});
