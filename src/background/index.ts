// Service worker composition root.
export {};
