// The JUnit XML that CI reporters read, checked twice: libxml2 validates it against an XML Schema
// (`junitSchemaErrors`, test/schemas/junit.xsd, docs/ci.md#junit), and `validateJunit` checks what a schema cannot
// say: that each suite's counts are its testcases' (and well-formedness: balanced tags, quoted attributes, only the
// XML entities, no raw control characters).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
export interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const ENTITY = /&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g;

function checkText(s: string, where: string): string {
  // eslint-disable-next-line no-control-regex -- a raw control character is what makes XML 1.0 invalid
  if (/[\x00-\x08\x0b\x0c\x0e-\x1f]/.test(s)) throw new Error(`control character in ${where}`);
  if (/[<]/.test(s) || /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(s))
    throw new Error(`unescaped markup in ${where}`);
  return s.replace(
    ENTITY,
    (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e] ?? '?',
  );
}

export function parseXml(xml: string): XmlNode {
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const root: XmlNode = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: XmlNode[] = [root];
  const tag = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[A-Za-z_][\w.-]*="[^"]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while (at < body.length && (m = tag.exec(body)) !== null) {
    at = tag.lastIndex;
    const top = stack.at(-1) as XmlNode;
    if (m[5] !== undefined) {
      top.text += checkText(m[5], top.name);
      continue;
    }
    const [, close, name = '', rawAttrs = '', selfClose] = m;
    if (close) {
      if (top.name !== name) throw new Error(`</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of rawAttrs.matchAll(/([A-Za-z_][\w.-]*)="([^"]*)"/g)) {
      if ((a[1] as string) in attrs) throw new Error(`duplicate attribute ${a[1]}`);
      attrs[a[1] as string] = checkText(a[2] as string, `${name}@${a[1]}`);
    }
    const node: XmlNode = { name, attrs, children: [], text: '' };
    top.children.push(node);
    if (!selfClose) stack.push(node);
  }
  if (at !== body.length) throw new Error(`not well-formed at offset ${at}`);
  if (stack.length !== 1) throw new Error(`unclosed <${stack.at(-1)?.name ?? ''}>`);
  if (root.children.length !== 1 || root.text.trim() !== '') throw new Error('expected one root element');
  return root.children[0] as XmlNode;
}

const count = (s: string | undefined, what: string): number => {
  if (s === undefined || !/^\d+$/.test(s)) throw new Error(`${what} must be a non-negative integer`);
  return Number(s);
};

/** Throws with the first violation; returns the number of test cases. */
export function validateJunit(xml: string): number {
  const root = parseXml(xml);
  if (root.name !== 'testsuites') throw new Error(`root is <${root.name}>, expected <testsuites>`);
  let total = 0;
  for (const suite of root.children) {
    if (suite.name !== 'testsuite') throw new Error(`<${suite.name}> inside <testsuites>`);
    if (!suite.attrs.name) throw new Error('testsuite without name');
    const cases = suite.children;
    if (count(suite.attrs.tests, 'tests') !== cases.length)
      throw new Error(`${suite.attrs.name}: tests != testcases`);
    let failures = 0;
    let errors = 0;
    for (const c of cases) {
      if (c.name !== 'testcase') throw new Error(`<${c.name}> inside <testsuite>`);
      if (!c.attrs.name || !c.attrs.classname) throw new Error('testcase without name or classname');
      if (c.children.length > 1) throw new Error(`${c.attrs.name}: more than one result element`);
      const r = c.children[0];
      if (r && !['failure', 'error', 'skipped'].includes(r.name))
        throw new Error(`<${r.name}> inside <testcase>`);
      if (r?.name === 'failure') failures++;
      if (r?.name === 'error') errors++;
    }
    if (count(suite.attrs.failures, 'failures') !== failures)
      throw new Error(`${suite.attrs.name}: failures count`);
    if (count(suite.attrs.errors, 'errors') !== errors) throw new Error(`${suite.attrs.name}: errors count`);
    total += cases.length;
  }
  if (count(root.attrs.tests, 'tests') !== total) throw new Error('testsuites tests != testcases');
  return total;
}

/** libxml2's own XML Schema validation (xmllint, compiled to WebAssembly) against test/schemas/junit.xsd
 * (docs/ci.md#junit): the errors it reports, none when the file is valid. */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const { validateXML } = await import('xmllint-wasm');
  const xsd = readFileSync(fileURLToPath(new URL('./junit.xsd', import.meta.url)), 'utf8');
  const r = await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [{ fileName: 'junit.xsd', contents: xsd }],
  });
  return r.valid ? [] : r.errors.map((e) => e.message);
}
