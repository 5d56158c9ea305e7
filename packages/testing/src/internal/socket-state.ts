/**
 * Per-socket mark shared by the server and the request handler.
 */

/**
 * A request on this socket had a body cut short by a Content-Length counted in characters; the
 * rest of it follows on the connection and must not be answered as a new request.
 */
export const REPAIRED = Symbol('sms-partner-emulator.repaired');

/** The socket has a request not answered yet. */
export const ACTIVE = Symbol('sms-partner-emulator.active');
