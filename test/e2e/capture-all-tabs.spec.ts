// Capture with "Record all tabs" on (the optional webRequest permission, granted in the panel, browser restarted):
// webRequest records every tab and DevTools' log only annotates.
import { captureSuite } from './capture-suite.ts';

captureSuite(true);
