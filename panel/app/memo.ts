// A memo for function components without preact/compat (which would also install React-compat option hooks
// panel-wide): the wrapper re-renders only when a prop changed by identity. Same technique as compat's memo.
import { createElement, type Component, type FunctionComponent } from 'preact';

function propsChanged<P extends object>(this: Component<P>, next: P): boolean {
  const prev = this.props as Record<string, unknown>;
  const now = next as Record<string, unknown>;
  for (const k in now) if (prev[k] !== now[k]) return true;
  for (const k in prev) if (!(k in now)) return true;
  return false;
}

export function memo<P extends object>(render: FunctionComponent<P>): FunctionComponent<P> {
  function Memo(this: Component<P>, props: P) {
    this.shouldComponentUpdate = propsChanged;
    return createElement(render, props);
  }
  Memo.displayName = `Memo(${render.displayName ?? render.name})`;
  return Memo;
}
