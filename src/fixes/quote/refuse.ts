// The one way a generator says "this value cannot be written safely here": it throws Unquotable, and the fix gate
// (fixOutcome) turns that into the reason shown in the fix view instead of a snippet. Nothing is ever emitted
// half-quoted.

export class Unquotable extends Error {
  constructor(
    readonly target: string,
    readonly value: string,
    why: string,
  ) {
    super(`${JSON.stringify(value.slice(0, 80))} cannot be written safely in ${target}: ${why}`);
    this.name = 'Unquotable';
  }
}

/** Characters no generated line may carry raw: C0/C1 controls, DEL and the Unicode line/paragraph separators. */
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
