// Capture from DevTools' network log, the default source: nothing of the extension is in the network path.
import { captureSuite } from './capture-suite.ts';

captureSuite(false);
