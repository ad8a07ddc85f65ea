// ISOLATED-world content script: relays the MAIN-world hook's reports to the service worker.
export {};
