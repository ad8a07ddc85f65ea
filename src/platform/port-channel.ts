// The panel's entry file builds its channel here: the reconnecting port (reconnecting-channel.ts) bound to the
// real runtime.connect and timers. Kept tiny so everything testable lives in the chrome-free module.
import type { PanelChannel } from '../shared/channel.ts';
import { browser } from './browser.ts';
import { createPortChannelWith } from './reconnecting-channel.ts';

export function createPortChannel(tabId: number): PanelChannel {
  return createPortChannelWith(tabId, {
    connect: (name) => browser.runtime.connect({ name }),
    setTimer: (cb, ms) => setTimeout(cb, ms),
    clearTimer: (h) => {
      clearTimeout(h as ReturnType<typeof setTimeout>);
    },
  });
}
