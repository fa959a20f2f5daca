/** Version of the toolkit that built this client, written into the vendored copy's header. */
export const CLIENT_VERSION = '0.1.0';
