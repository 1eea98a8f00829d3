// Runs one action request the way Stellar's ActionProcessor does: pending
// limit, unknown/private checks, input defaults/formats/required checks, the
// action timeout, and error shapes. Used by both the WebSocket and HTTP servers.
//
// An action definition: { name, private?, inputs?: { key: { required?,
// default?, format? } }, run(data, next) } where data = { params, response,
// connection, ctx }. run() may call next(error?) or return a promise; a
// synchronous throw is answered only by the action timeout (Stellar 1.4.6)
// or at once with an error-less reply (1.x, legacy mode).
import { errorsFor } from './errors.mjs';

export const SIMULTANEOUS_ACTIONS = 5;

// Stellar stores these error *functions* without calling them, so JSON drops
// the `error` key and the reply looks like a success.
const serverErrorMessage = () => ({ code: '001', message: 'The server experienced an internal error' });
const serverShuttingDown = () => ({ code: '006', message: 'The server is shutting down' });

export function registerActions(ctx, definitions) {
  for (const def of definitions) ctx.actions.set(def.name, def);
}

export class ActionProcessor {
  constructor(ctx, connection, callback) {
    this.ctx = ctx;
    this.errors = errorsFor(ctx.legacy);
    this.connection = connection;
    this.messageCount = connection.messageCount; // the count at dispatch
    this.params = connection.params;
    this.callback = callback;
    this.response = {};
    this.validatorErrors = new Map();
    this.errorRendered = false;
    this.timer = null;
    this.action = undefined;
    this.template = null;
    this.actionStatus = null;
  }

  process() {
    const conn = this.connection;
    this.startedAt = Date.now();
    conn.totalActions++;
    conn.pendingActions++; // counted before the limit check: the 6th is refused
    this.action = this.params.action;

    const def = this.action === undefined || this.action === null ? undefined : this.ctx.actions.get(String(this.action));
    if (def) {
      if (!this.params.apiVersion) this.params.apiVersion = 1; // every test action has version 1 only
      if (String(this.params.apiVersion) === '1') this.template = def;
    }

    if (this.ctx.shuttingDown) {
      this.complete('server_shutting_down');
    } else if (conn.pendingActions > SIMULTANEOUS_ACTIONS) {
      this.complete('too_many_requests');
    } else if (!this.action || !this.template) {
      this.complete('unknown_action');
    } else {
      try {
        this.run();
      } catch (err) {
        this.onThrow(err);
      }
    }
  }

  run() {
    const template = this.template;
    this.validateParams();
    if (template.private === true) return this.complete(this.errors.privateAction(template.name));
    if (this.validatorErrors.size > 0) return this.complete('validator_errors');

    this.timer = setTimeout(() => {
      this.complete('response_timeout');
      this.errorRendered = true; // whatever the action does later is not sent
    }, this.ctx.opts.actionTimeout);

    const data = { params: this.params, response: this.response, connection: this.connection, ctx: this.ctx };
    const next = (error) => {
      clearTimeout(this.timer);
      if (this.errorRendered) return;
      this.complete(error);
    };
    const returned = template.run(data, next);
    if (returned && typeof returned.then === 'function') {
      returned
        .then(() => { if (!this.errorRendered) this.complete(); },
          (error) => { if (!this.errorRendered) this.complete(error); })
        .then(() => clearTimeout(this.timer));
    }
  }

  // An action that throws synchronously.
  onThrow(err) {
    this.ctx.log.debug(`action '${this.action}' threw: ${err && err.stack}`);
    if (!this.ctx.legacy) return; // 1.4.6 never calls back: the timeout answers
    clearTimeout(this.timer);
    this.response = {};
    this.complete('server_error');
  }

  validateParams() {
    const formatErrors = new Map();
    const missing = new Map();
    const inputs = this.template.inputs ?? {};
    for (const key of Object.keys(inputs)) {
      const props = inputs[key];
      if (this.params[key] === undefined && props.default !== undefined) {
        this.params[key] = typeof props.default === 'function' ? props.default(this.ctx) : props.default;
      }
      if (props.format && this.params[key]) {
        if (props.format === 'integer') this.params[key] = Number.parseInt(this.params[key]);
        else if (props.format === 'float') this.params[key] = Number.parseFloat(this.params[key]);
        else if (props.format === 'string') this.params[key] = String(this.params[key]);
        if (Number.isNaN(this.params[key])) formatErrors.set(key, this.errors.invalidType(key, props.format));
      }
      if (props.required === true && this.params[key] === undefined) {
        missing.set(key, `The ${key} field is required.`);
      }
    }
    // As in Stellar, a failed "required" check replaces the format errors.
    this.validatorErrors = missing.size > 0 ? missing : formatErrors;
  }

  complete(status) {
    let error = null;
    this.actionStatus = String(status);
    if (status instanceof Error) error = status;
    else if (status === 'server_error') error = serverErrorMessage;
    else if (status === 'server_shutting_down') error = serverShuttingDown;
    else if (status === 'too_many_requests') error = this.errors.tooManyPending();
    else if (status === 'unknown_action') error = this.errors.unknownAction(this.action);
    else if (status === 'validator_errors') error = Object.fromEntries(this.validatorErrors);
    else if (status === 'response_timeout') error = this.errors.responseTimeout(this.action);
    else if (status) error = status;

    if (error && typeof error === 'string') error = new Error(error);
    if (error && !this.response.error) this.response.error = error;

    this.connection.pendingActions--;
    this.duration = Date.now() - this.startedAt;
    process.nextTick(() => this.callback(this));
  }
}
