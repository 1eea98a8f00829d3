// Small helpers for hand-written checks: a list of problems per test.
export class Checks {
  constructor() {
    this.problems = [];
  }

  equal(what, actual, expected) {
    const a = JSON.stringify(actual);
    const e = JSON.stringify(expected);
    if (a !== e) this.problems.push(`${what}\nexpected: ${e}\nactual:   ${a}`);
    return a === e;
  }

  ok(what, condition, detail = '') {
    if (!condition) this.problems.push(detail ? `${what}: ${detail}` : what);
    return Boolean(condition);
  }
}

