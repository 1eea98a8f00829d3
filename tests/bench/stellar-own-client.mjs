// stellar-own-client.mjs: loads the JavaScript client a Stellar checkout
// ships (src/client.js, the same file from 1.2.0 to 1.5.0) the way a Stellar
// server serves it, so that the Node anchor can be checked against the real
// thing. Nothing of that file is kept here: give its path at run time
// (run-benchmarks --stellar-client FILE).
//
// The server writes the Primus library and then this file into one script,
// with the client defaults put in place of '%%DEFAULTS%%' and the whole
// wrapped in a function of `exports`. In a browser `Primus` is a global; here
// it is the Primus client constructor the other Node clients use.
import fs from 'node:fs';

export function loadStellarOwnClient(file, Primus, defaults) {
  const source = fs.readFileSync(file, 'utf8');
  if (!source.includes("'%%DEFAULTS%%'")) {
    throw new Error(`${file} does not look like Stellar's client.js (no '%%DEFAULTS%%' to fill in)`);
  }
  const filled = source.replace("'%%DEFAULTS%%'", JSON.stringify(defaults));
  const exports = {};
  new Function('Primus', 'exports', `${filled}\nexports.StellarClient = StellarClient;`)(Primus, exports);
  if (typeof exports.StellarClient !== 'function') throw new Error(`${file} defines no StellarClient`);
  return exports.StellarClient;
}
