/**
 * The custom server writes the connecting socket's address into this header and
 * overwrites whatever a client sent under that name (server/http/handle-request.ts).
 */
export const CLIENT_ADDRESS_HEADER = 'x-accord-client-address';

export function clientAddress(headers: Headers): string {
  return headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown';
}
