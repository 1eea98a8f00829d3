// Minimal TAP producer (plan printed at the end).
export class Tap {
  constructor() {
    this.count = 0;
    this.failures = 0;
  }

  // problems: list of strings; empty means the test passed.
  result(name, problems = []) {
    this.count++;
    if (problems.length === 0) {
      console.log(`ok ${this.count} - ${name}`);
      return true;
    }
    this.failures++;
    console.log(`not ok ${this.count} - ${name}`);
    for (const problem of problems) {
      for (const line of String(problem).split('\n')) console.log(`# ${line}`);
    }
    return false;
  }

  skip(name, reason) {
    this.count++;
    console.log(`ok ${this.count} - ${name} # SKIP ${reason}`);
  }

  comment(text) {
    console.log(`# ${text}`);
  }

  plan() {
    console.log(`1..${this.count}`);
  }
}

// Collects results of checks run in parallel, to print them in order later.
export class Recorder {
  constructor() {
    this.entries = [];
  }

  result(name, problems = []) {
    this.entries.push(['result', name, problems]);
    return problems.length === 0;
  }

  skip(name, reason) {
    this.entries.push(['skip', name, reason]);
  }

  comment(text) {
    this.entries.push(['comment', text]);
  }

  flushTo(tap) {
    for (const [kind, ...args] of this.entries) tap[kind](...args);
  }
}
