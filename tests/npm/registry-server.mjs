// The test registry (tests/e2e/registry.mjs) in a process of its own, for tests that wait
// on a child synchronously (their own event loop could not answer): prints its URL.
import { createServer } from 'node:http';

import { cleanPackage, leakyPackage } from '../e2e/fixtures.mjs';
import { Registry } from '../e2e/registry.mjs';

const registry = new Registry();
registry.publish('@acme/secret-cli', '1.0.0', leakyPackage());
registry.publish('tiny-clean', '2.3.4', cleanPackage());
let url;
const server = createServer((req, res) => {
  if (!registry.handle(req, res, '/', url)) res.writeHead(404).end();
});
server.listen(0, '127.0.0.1', () => {
  url = `http://127.0.0.1:${server.address().port}/`;
  console.log(url);
});
