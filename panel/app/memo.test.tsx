// @vitest-environment happy-dom
import { render } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { memo } from './memo.ts';

describe('memo', () => {
  it('re-renders only when a prop changes by identity', () => {
    let renders = 0;
    const Inner = memo(({ label }: { label: string; extra?: object }) => {
      renders++;
      return <span>{label}</span>;
    });
    const extra = {};
    const { rerender, container } = render(<Inner label="a" extra={extra} />);
    rerender(<Inner label="a" extra={extra} />);
    expect(renders).toBe(1);
    rerender(<Inner label="b" extra={extra} />);
    rerender(<Inner label="b" />);
    expect(renders).toBe(3);
    expect(container.textContent).toBe('b');
  });
});
