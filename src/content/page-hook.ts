// MAIN-world script at document_start: listens for the page's own errors. It never wraps fetch or XHR.
export {};
