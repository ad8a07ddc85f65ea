// The cors-lens package's library entry (`import { simulateFetch, diagnose } from 'cors-lens'`): the pure engine
// that the DevTools panel and the CLI run. docs/engine.md describes it.
export * from './engine/index.ts';
