// Demo mode: friendly sample actions, the rooms `general` and `random`, and a
// bot that chats in `general` and answers "hello" and "ping".
export const BOT_ID = 'stellar-bot';
export const DEMO_ROOMS = ['general', 'random'];

export const demoActions = [
  {
    name: 'randomNumber',
    description: 'Generates a random number.',
    outputExample: { number: 0.4042, formatedNumber: 'Your random number is 0.4042' },
    async run({ response }) {
      response.number = Math.random();
      response.formatedNumber = `Your random number is ${response.number}`;
    },
  },
  {
    name: 'time',
    description: 'Tells the server time.',
    async run({ response }) {
      const now = new Date();
      response.time = now.getTime();
      response.iso = now.toISOString();
    },
  },
  {
    name: 'sum',
    description: 'Adds two integers.',
    inputs: {
      a: { required: true, format: 'integer', description: 'The first number' },
      b: { required: true, format: 'integer', description: 'The second number' },
    },
    outputExample: { result: 42 },
    async run({ params, response }) {
      response.result = params.a + params.b;
    },
  },
  {
    name: 'greet',
    description: 'Greets someone by name.',
    inputs: { name: { required: true, description: 'Who to greet' } },
    async run({ params, response }) {
      response.greeting = `Hello, ${params.name}! Welcome to Stellar.`;
    },
  },
];

const CHATTER = [
  'Hi everyone! Try the action "randomNumber" or "sum" with a and b.',
  'Did you know? Every WebSocket reply carries the messageCount of its request.',
  'Say "ping" in any room I am in and I will answer.',
  'The rooms here are general and random. Join one with roomJoin.',
  'Stellar speaks Primus: answer "primus::ping::<ms>" with "primus::pong::<ms>".',
  'Hello from the bot! Everything is fine on this server.',
];

// Starts the bot; returns a function that stops it.
export function startBot(ctx) {
  for (const room of DEMO_ROOMS) ctx.rooms.addPseudoMember(BOT_ID, room);
  const say = (room, text) => ctx.rooms.deliver(room, text, BOT_ID);

  let timer = null;
  const schedule = () => {
    timer = setTimeout(() => {
      say('general', CHATTER[Math.floor(Math.random() * CHATTER.length)]);
      schedule();
    }, 15000 + Math.random() * 15000);
    timer.unref();
  };
  schedule();

  ctx.rooms.listeners.push((room, payload) => {
    if (payload.from === BOT_ID || !DEMO_ROOMS.includes(room)) return;
    const text = textOf(payload.message);
    let answer = null;
    if (/\bping\b/i.test(text)) answer = 'pong';
    else if (/\b(hello|hi|hey)\b/i.test(text)) answer = `Hello ${payload.from === 0 ? 'server' : String(payload.from).slice(0, 8)}! Nice to meet you.`;
    if (answer) setTimeout(() => say(room, answer), 300).unref();
  });

  return () => clearTimeout(timer);
}

// A chat message is a string (say) or {event, data} (event verb).
function textOf(message) {
  if (typeof message === 'string') return message;
  if (message && typeof message === 'object') return typeof message.data === 'string' ? message.data : JSON.stringify(message.data ?? '');
  return '';
}
