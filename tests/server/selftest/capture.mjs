// Parsers for the capture logs in tests/data/captures-stellar-1.4.6/.

// ws-scenario.log style: "===== title =====" sections of
// "[+   12ms] C1 <kind> <rest>" lines.
export function parseWsLog(text) {
  const sections = [];
  let current = null;
  for (const line of text.split('\n')) {
    const header = line.match(/^===== (.*) =====$/);
    if (header) {
      current = { title: header[1], events: [] };
      sections.push(current);
      continue;
    }
    const m = line.match(/^\[\+\s*(\d+)ms\] (\S+) ?(.*)$/);
    if (!m) continue;
    if (!current) {
      current = { title: '(start)', events: [] };
      sections.push(current);
    }
    const [, at, conn, rest] = m;
    current.events.push({ at: Number(at), conn, ...classify(rest) });
  }
  return sections;
}

function classify(rest) {
  let m;
  if ((m = rest.match(/^CONNECT (\S+)$/))) return { kind: 'connect', url: m[1] };
  if ((m = rest.match(/^new WebSocket\("(.+)"\)$/))) return { kind: 'connect', url: m[1] };
  if ((m = rest.match(/^UPGRADE (?:HTTP\/1\.1 )?(\d+)/))) return { kind: 'upgrade', status: Number(m[1]) };
  if ((m = rest.match(/^OPEN \(extensions="(.*)", protocol="(.*)"\)$/))) return { kind: 'open', extensions: m[1], protocol: m[2] };
  if ((m = rest.match(/^=> (.*)$/))) return { kind: 'send', frame: m[1] };
  if ((m = rest.match(/^<= (.*)$/))) return { kind: 'receive', frame: m[1] };
  if ((m = rest.match(/^CLOSED code=(\d+)/))) return { kind: 'closed', code: Number(m[1]) };
  if ((m = rest.match(/^\(wait timeout: expected (\d+) frame/))) return { kind: 'silence' };
  if ((m = rest.match(/^\(client closes socket normally, code (\d+)\)$/))) return { kind: 'client-close', code: Number(m[1]) };
  if (rest === 'client close()') return { kind: 'client-close', code: undefined };
  if (/^SIGTERM to server/.test(rest)) return { kind: 'sigterm' };
  return { kind: 'note', text: rest };
}

// http-scenario.log style: ">>> " request lines, "<<< " response lines, then
// the body text after "<<< (body, N bytes)".
export function parseHttpLog(text) {
  const exchanges = [];
  let section = '';
  let current = null;
  let bodyLines = null;
  const finishBody = () => {
    if (current && bodyLines) {
      const raw = bodyLines.join('\n');
      const truncated = /\.\.\. \[truncated; total \d+ bytes\]/.test(raw);
      current.response.body = truncated ? null : Buffer.from(raw).subarray(0, current.response.bodyBytes).toString();
      current.response.truncated = truncated;
    }
    bodyLines = null;
  };
  for (const line of text.split('\n')) {
    const header = line.match(/^===== (.*) =====$/);
    if (header) {
      finishBody();
      section = header[1];
      continue;
    }
    if (line.startsWith('>>> ')) {
      const rest = line.slice(4);
      if (bodyLines) finishBody();
      const start = rest.match(/^([A-Z]+) (\S+)$/);
      if (start) {
        current = { section, request: { method: start[1], path: start[2], headers: {} }, response: { headers: [] } };
        exchanges.push(current);
      } else if (rest.startsWith('(body) ')) {
        current.request.body = rest.slice(7);
      } else {
        const colon = rest.indexOf(': ');
        current.request.headers[rest.slice(0, colon)] = rest.slice(colon + 2);
      }
      continue;
    }
    if (line.startsWith('<<< ')) {
      const rest = line.slice(4);
      let m;
      if ((m = rest.match(/^HTTP\/1\.1 (\d+)/))) current.response.status = Number(m[1]);
      else if ((m = rest.match(/^\(body, (\d+) bytes\)$/))) {
        current.response.bodyBytes = Number(m[1]);
        bodyLines = [];
      } else {
        const colon = rest.indexOf(': ');
        current.response.headers.push([rest.slice(0, colon), rest.slice(colon + 2)]);
      }
      continue;
    }
    if (bodyLines) bodyLines.push(line);
  }
  finishBody();
  return exchanges;
}
