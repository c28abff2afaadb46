// A customer's page using D-ID's client SDK exactly as published (served unmodified from node_modules).
// Query parameters: sdk (2.0.10 | 1.2.10), agentId, clientKey, baseURL (the API, here the emulator).
// Everything the SDK reports is appended to window.sdkEvents, which the Python test reads.

const params = new URLSearchParams(location.search);
const status = document.getElementById('status');
const transcript = document.getElementById('transcript');
const ratingIds = new Map(); // message id -> rating id, so a second click updates the rating

window.sdkEvents = [];
const record = (type, detail = {}) => window.sdkEvents.push(JSON.parse(JSON.stringify({ ...detail, type })));
const describe = (error, context) => ({
  kind: error?.kind ?? error?.name,
  message: error?.message,
  status: error?.status,
  url: context?.url ?? error?.url,
});

function setStatus(state, text) {
  status.dataset.state = state;
  status.textContent = text;
}

function render(messages) {
  transcript.replaceChildren(
    ...messages.map((message) => {
      const item = document.createElement('li');
      item.dataset.role = message.role;
      item.dataset.messageId = message.id;
      item.append(Object.assign(document.createElement('p'), { textContent: message.content }));
      if (message.role === 'assistant') {
        const sources = document.createElement('ul');
        for (const match of message.matches ?? []) {
          const source = Object.assign(document.createElement('li'), { textContent: match.title });
          source.dataset.documentId = match.document_id;
          sources.append(source);
        }
        item.append(sources, rateButton(message.id, 1, 'Helpful'), rateButton(message.id, -1, 'Not helpful'));
      }
      return item;
    }),
  );
}

function rateButton(messageId, score, label) {
  const button = Object.assign(document.createElement('button'), { type: 'button', textContent: label });
  button.addEventListener('click', () =>
    act('rate', async () => {
      const rating = await manager.rate(messageId, score, ratingIds.get(messageId));
      ratingIds.set(messageId, rating.id);
      record('rated', { messageId, score, rating });
    }),
  );
  return button;
}

async function act(action, run) {
  try {
    await run();
  } catch (error) {
    record('actionFailed', { action, ...describe(error) });
  }
}

let manager;
try {
  const sdk = await import(`/sdk/${params.get('sdk')}/index.js`);
  record('sdkLoaded', { version: sdk.SDK_VERSION });
  manager = await sdk.createAgentManager(params.get('agentId'), {
    auth: { type: 'key', clientKey: params.get('clientKey') },
    baseURL: params.get('baseURL'),
    mode: sdk.ChatMode.TextOnly,
    persistentChat: true,
    enableAnalytics: false,
    callbacks: {
      onNewMessage: (messages, messageType) => {
        render(messages);
        record('newMessage', { messageType, count: messages.length });
      },
      onNewChat: (chatId) => record('newChat', { chatId }),
      onModeChange: (mode) => record('modeChange', { mode }),
      onConnectionStateChange: (state) => record('connectionState', { state }),
      onError: (error, context) => record('error', describe(error, context)),
    },
  });
  record('agentLoaded', { agent: manager.agent, starterMessages: manager.starterMessages });
  setStatus('ready', `Ready: ${manager.agent.preview_name ?? manager.agent.name ?? manager.agent.id}`);
} catch (error) {
  record('loadFailed', describe(error));
  setStatus('failed', `The agent could not be loaded: ${error?.message}`);
}

document.getElementById('ask').addEventListener('submit', (event) => {
  event.preventDefault();
  const question = event.target.elements.question.value;
  event.target.reset();
  act('chat', async () => {
    const response = await manager.chat(question);
    record('answered', { question, response });
  });
});

document.getElementById('feedback').addEventListener('submit', (event) => {
  event.preventDefault();
  const { rating, answer } = event.target.elements;
  act('feedback', async () => {
    const response = await manager.submitFeedback(Number(rating.value), answer.value || undefined);
    record('feedbackSent', { response });
  });
});
