// The actions of the Stellar test module the captures were made with.
export const testActions = [
  {
    name: 'status',
    description: 'Says which server this is and how long it has been up.',
    outputExample: { id: 'wire-test-server', stellarVersion: '1.4.6', uptime: 1234 },
    async run({ response, ctx }) {
      response.id = 'wire-test-server';
      response.stellarVersion = '1.4.6';
      response.uptime = Date.now() - ctx.startedAt;
    },
  },
  {
    name: 'echo',
    description: 'Answers with the message it was given and every parameter it got.',
    async run({ params, response }) {
      response.echo = params.message;
      response.params = params;
    },
  },
  {
    name: 'input-require',
    description: 'Needs the parameter value, and says what it was.',
    inputs: { value: { required: true, description: 'Any text' } },
    async run({ params, response }) {
      response.string = `Input > ${params.value}`;
    },
  },
  {
    name: 'sleep',
    description: 'Answers after waiting for sleepDuration milliseconds.',
    inputs: { sleepDuration: { default: 1000, description: 'How long to wait, in milliseconds' } },
    run({ params, response }, next) {
      const duration = Number(params.sleepDuration);
      const started = Date.now();
      setTimeout(() => {
        const ended = Date.now();
        response.sleepStarted = started;
        response.sleepEnded = ended;
        response.sleepDelta = ended - started;
        response.sleepDuration = duration;
        next();
      }, duration);
    },
  },
  {
    name: 'errorAction',
    description: 'Fails with an error.',
    run(data, next) {
      next(new Error('This is an error'));
    },
  },
  {
    name: 'errorPromise',
    description: 'Fails with a rejected promise.',
    async run() {
      throw new Error('This is a promise error');
    },
  },
  {
    name: 'errorObject',
    description: 'Fails with an error object of its own.',
    run(data, next) {
      next({ code: '999', message: 'custom error object' });
    },
  },
  {
    // Throws synchronously inside run(): Stellar 1.4.6 answers only when the
    // action timeout fires (error 022).
    name: 'errorThrow',
    description: 'Throws: answered only by the action timeout.',
    run() {
      throw new Error('errorThrow: thrown synchronously on purpose');
    },
  },
  {
    name: 'privateAction',
    description: 'A private action: calling it fails.',
    private: true,
    async run({ response }) {
      response.secret = true;
    },
  },
  {
    // Sets a field, then fails: the field is kept next to the error.
    name: 'partialError',
    description: 'Sets a field, then fails.',
    run({ response }, next) {
      response.partial = 1;
      next(new Error('boom'));
    },
  },
];
