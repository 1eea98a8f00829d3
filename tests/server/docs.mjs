// The action documentation Stellar generates at boot (its setting
// `general.generateDocumentation`, on by default) and writes to the `docs/`
// folder of its public folder: `index.html` lists the actions,
// `action_<name>.html` shows one action with a block per version
// (description, inputs with their default and validators, output example),
// and every page loads `reset.css`, `style.css` and `highlight.js` beside it.
// Being static files, they are served at `/docs/…` and `/public/docs/…`, a
// folder meaning its index.html.
//
// This module builds pages of the same structure (element names, classes and
// texts are what clients read) for the registered actions. Stellar escapes
// nothing it puts in a page, and neither does this; like Stellar, a missing
// description or default is written "N/A", a default that is falsy too.
// The pages are kept in memory and served as if they were in the public
// folder, so that servers running side by side never share files.

export const DOCS_FOLDER = 'docs';

const STYLESHEETS = ['reset.css', 'style.css'];

function head(title) {
  const links = STYLESHEETS.map((sheet) =>
    `  <link rel="stylesheet" href="${sheet}" media="screen" title="Main Stylesheet" charset="utf-8">`);
  return ['<!DOCTYPE html>', '<html>', '<head>', '  <meta charset="utf-8">', `  <title>${title}</title>`, '',
    ...links, '</head>'].join('\n');
}

function actionsList(names) {
  const items = names.map((name) => `<li><a href="./action_${name}.html">${name}</a></li>`).join('');
  return `    <ul class="actionsList">\n      ${items}\n    </ul>`;
}

function panel(header, block) {
  return ['  <div class="panel">', `    <div class="panel-header">${header}</div>`,
    `    <div class="panel-block">${block}</div>`, '  </div>'].join('\n');
}

// The validators column: "required" first, then a validator string split on
// "|", a RegExp as its source text, a function as the word "function".
function validators(input) {
  const items = [];
  if (input.required !== undefined && input.required !== false) items.push(['required', 'required']);
  if (typeof input.validator === 'function') items.push(['function', 'function']);
  else if (input.validator instanceof RegExp) items.push(['regex', String(input.validator)]);
  else if (typeof input.validator === 'string') {
    for (const part of input.validator.split('|')) items.push(['validator', part]);
  }
  return items.map(([kind, text]) => `<li class="${kind}">${text}</li>`).join('');
}

function inputsTable(inputs) {
  const rows = Object.entries(inputs).map(([name, input]) => [
    '  <tr>',
    `    <td>${name}</td>`,
    `    <td>${input.description || 'N/A'}</td>`,
    `    <td>${input.default || 'N/A'}</td>`,
    '    <td>',
    `      <ul class="validators">${validators(input)}</ul>`,
    '    </td>',
    '  </tr>'].join('\n'));
  return ['<table class="table">', '  <thead>', '  <tr>', '    <th>Field Name</th>', '    <th>Description</th>',
    '    <th>Default</th>', '    <th>Validator</th>', '  </tr>', '  </thead>', '  <tbody>', ...rows,
    '  </tbody>', '</table>'].join('\n');
}

function versionBlock(action, version) {
  const parts = [
    `  <h3 class="action-version">Version: ${version}</h3>`,
    panel('Description', `<p>${action.description}</p>`),
    panel('Inputs', action.inputs ? inputsTable(action.inputs) : '<p>No inputs!</p>'),
  ];
  if (action.outputExample !== undefined) {
    const example = JSON.stringify(action.outputExample, null, 4);
    parts.push(panel('Output Example', `<pre><code class="json">${example}</code></pre>`));
  }
  return parts.join('\n');
}

function actionPage(names, name, versions) {
  return [
    head(`Docs > ${name}`),
    '<body>',
    '<div class="wrapper">',
    '  <aside class="sidebar">',
    '    <h1><a href="./index.html">Documentation</a> <small>Beta</small></h1>',
    actionsList(names),
    '  </aside>',
    '  <div class="main">',
    `    <h1 class="action-title">${name}</h1>`,
    ...versions.map(([version, action]) => versionBlock(action, version)),
    '  </div>',
    '</div>',
    '<script src="highlight.js" charset="utf-8"></script>',
    '<script type="text/javascript">hljs.initHighlightingOnLoad()</script>',
    '</body>',
    '</html>',
    ''].join('\n');
}

function indexPage(names, project) {
  return [
    head(`${project.name} Docs`),
    '<body>',
    '<div class="wrapper">',
    '  <aside class="sidebar">',
    '    <h1>Documentation <small>Beta</small></h1>',
    actionsList(names),
    '  </aside>',
    '  <div class="main">',
    '    <div class="project-title">',
    `      <h1>Project: ${project.name}</h1>`,
    `      <h2>v${project.version}</h2>`,
    '    </div>',
    panel('Project Description', project.description || ''),
    panel('Available Tasks', ['<table class="table">',
      '  <thead><tr><th>Name</th><th>Description</th><th>Frequency (ms)</th></tr></thead>',
      '  <tbody></tbody>', '</table>'].join('\n')),
    '  </div>',
    '</div>',
    '</body>',
    '</html>',
    ''].join('\n');
}

// What the pages load: a plain look, and a highlight.js that does nothing.
const RESET_CSS = '* { margin: 0; padding: 0; box-sizing: border-box; }\n';
const STYLE_CSS = [
  'body { font-family: sans-serif; color: #222; }',
  '.wrapper { display: flex; }',
  '.sidebar { width: 16em; padding: 1em; background: #f4f4f4; }',
  '.main { flex: 1; padding: 1em 2em; }',
  '.panel { margin: 1em 0; border: 1px solid #ddd; }',
  '.panel-header { padding: .5em; background: #eee; font-weight: bold; }',
  '.panel-block { padding: .5em; }',
  '.table td, .table th { padding: .25em .5em; text-align: left; }',
  ''].join('\n');
const HIGHLIGHT_JS = 'window.hljs = { initHighlightingOnLoad() {} };\n';

// Builds the pages for `ctx.actions` (every action has version 1 here) as a
// Map of public-folder path -> { content: Buffer, mtimeMs }.
export function generateDocs(ctx, project) {
  const documented = [...ctx.actions.values()].filter((action) => action.toDocument !== false);
  const names = documented.map((action) => action.name);
  const files = new Map();
  const mtimeMs = Date.now();
  const add = (name, text) => files.set(`${DOCS_FOLDER}/${name}`, { content: Buffer.from(text, 'utf8'), mtimeMs });

  for (const action of documented) add(`action_${action.name}.html`, actionPage(names, action.name, [['1', action]]));
  add('index.html', indexPage(names, project));
  add('reset.css', RESET_CSS);
  add('style.css', STYLE_CSS);
  add('highlight.js', HIGHLIGHT_JS);
  return files;
}
