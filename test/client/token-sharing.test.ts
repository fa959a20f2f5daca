import { afterEach, describe, expect, it } from 'vitest';
import type { FakeMarketoServer } from '../fake-marketo/server.js';
import { CLIENT_ID, CLIENT_SECRET, clientFor, ManualClock, startServer } from './helpers.js';
import { LEAD_ID } from './request-shapes.js';

let server: FakeMarketoServer;

afterEach(async () => {
  await server.close();
});

function tokenRequestCount(): number {
  return server.requests.filter((request) => request.path.endsWith('/oauth/token')).length;
}

describe('token cache', () => {
  it('is shared by clients with one client id', async () => {
    server = await startServer();
    server.model.addLead({ id: LEAD_ID, email: 'ada@example.com' });
    const clock = new ManualClock();
    const first = clientFor(server, { clock });
    const second = clientFor(server, { clock });
    await Promise.all([first.getLeadById(LEAD_ID), second.getLeadById(LEAD_ID)]);
    await second.describeLead();
    expect(tokenRequestCount()).toBe(1);
  });

  it('keeps other client ids apart', async () => {
    server = await startServer({
      modelOptions: {
        credentials: [
          { clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
          { clientId: 'other-client-id', clientSecret: 'other-client-secret' },
        ],
      },
    });
    server.model.addLead({ id: LEAD_ID, email: 'ada@example.com' });
    const clock = new ManualClock();
    const first = clientFor(server, { clock });
    const other = clientFor(server, {
      clock,
      clientId: 'other-client-id',
      clientSecret: 'other-client-secret',
    });
    await first.getLeadById(LEAD_ID);
    await other.getLeadById(LEAD_ID);
    expect(tokenRequestCount()).toBe(2);
  });
});
