// Copy with visible feedback: the message is announced through a polite live region by the caller.
import { useState } from 'preact/hooks';
import { usePlatform } from './context.ts';

export function useCopy(): [string, (text: string, what: string) => void] {
  const platform = usePlatform();
  const [message, setMessage] = useState('');
  const copy = (text: string, what: string): void => {
    void platform.copy(text).then((ok) => {
      setMessage(ok ? `${what} copied` : `Could not copy ${what.toLowerCase()}`);
    });
  };
  return [message, copy];
}
