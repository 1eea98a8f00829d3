// The actions of the Stellar test module the captures were made with.
export const testActions = [
  {
    name: 'status',
    async run({ response, ctx }) {
      response.id = 'wire-test-server';
      response.stellarVersion = '1.4.6';
      response.uptime = Date.now() - ctx.startedAt;
    },
  },
  {
    name: 'echo',
    async run({ params, response }) {
      response.echo = params.message;
      response.params = params;
    },
  },
  {
    name: 'input-require',
    inputs: { value: { required: true } },
    async run({ params, response }) {
      response.string = `Input > ${params.value}`;
    },
  },
  {
    name: 'sleep',
    inputs: { sleepDuration: { default: 1000 } },
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
    run(data, next) {
      next(new Error('This is an error'));
    },
  },
  {
    name: 'errorPromise',
    async run() {
      throw new Error('This is a promise error');
    },
  },
  {
    name: 'errorObject',
    run(data, next) {
      next({ code: '999', message: 'custom error object' });
    },
  },
  {
    // Throws synchronously inside run(): Stellar 1.4.6 answers only when the
    // action timeout fires (error 022).
    name: 'errorThrow',
    run() {
      throw new Error('errorThrow: thrown synchronously on purpose');
    },
  },
  {
    name: 'privateAction',
    private: true,
    async run({ response }) {
      response.secret = true;
    },
  },
  {
    // Sets a field, then fails: the field is kept next to the error.
    name: 'partialError',
    run({ response }, next) {
      response.partial = 1;
      next(new Error('boom'));
    },
  },
];
