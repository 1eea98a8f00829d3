'use strict'

/* global Primus */

// A stand-in for Stellar's src/client.js, in the same shape: a script that
// expects the Primus library as `Primus`, has its defaults filled in by the
// server and exports `StellarClient`. bench-smoke loads it with
// run-benchmarks --stellar-client, so that the loading of the real file keeps
// working where no Stellar checkout is at hand. It does just enough: connect,
// actions, joining a room and the `say` event.

const StellarClient = function (opts) {
  this.callbacks = {}
  this.messageCount = 0
  this.options = this.defaults()
  for (const key in opts) { this.options[key] = opts[key] }
}

StellarClient.prototype = new Primus.EventEmitter()
StellarClient.prototype._emit = StellarClient.prototype.emit

StellarClient.prototype.defaults = function () { return '%%DEFAULTS%%' }

StellarClient.prototype.connect = function () {
  return new Promise((resolve, reject) => {
    this.client = Primus.connect(this.options.url, this.options)
    this.client.on('open', () => { this.send({ event: 'detailsView' }).then(resolve) })
    this.client.on('error', reject)
    this.client.on('data', (message) => this.handleMessage(message))
  })
}

StellarClient.prototype.send = function (args) {
  return new Promise((resolve) => {
    this.callbacks[++this.messageCount] = resolve
    this.client.write(args)
  })
}

StellarClient.prototype.handleMessage = function (message) {
  if (message.context === 'response') {
    const callback = this.callbacks[message.messageCount]
    delete this.callbacks[message.messageCount]
    if (callback) { callback(message) }
  } else if (message.context === 'user') {
    this._emit('say', message)
  }
}

StellarClient.prototype.action = function (action, params = {}) {
  params.action = action
  return this.send({ event: 'action', params }).then((response) => {
    if (response.error !== undefined) { throw response }
    return response
  })
}

StellarClient.prototype.join = function (room) {
  return this.send({ event: 'roomJoin', room }).then(() => this.send({ event: 'detailsView' }))
}

StellarClient.prototype.disconnect = function () { this.client.end() }

exports.StellarClient = StellarClient
