// Souple for VS Code: the TextMate grammar is declared in package.json; this file only starts
// the language server, `souple lsp` (JSON-RPC over stdio, LSP 3.17), and restarts it when
// `souple.path` changes or on "Souple: Restart Language Server".
'use strict';

const path = require('path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

// `souple.path`: a bare name is looked up on the PATH by the OS; a relative path with a
// directory part (`build/cli/souple`) is taken from the first workspace folder.
function serverCommand() {
  const configured = vscode.workspace.getConfiguration('souple').get('path') || 'souple';
  const folders = vscode.workspace.workspaceFolders;
  if (!path.isAbsolute(configured) && configured.includes('/') && folders && folders.length > 0) {
    return path.join(folders[0].uri.fsPath, configured);
  }
  return configured;
}

function createClient() {
  const serverOptions = {
    command: serverCommand(),
    args: ['lsp'],
    transport: TransportKind.stdio,
  };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'souple' },
      { scheme: 'untitled', language: 'souple' },
    ],
    // Tell the server when .souple files change on disk (modules imported by the open file).
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/*.souple') },
  };
  return new LanguageClient('souple', 'Souple', serverOptions, clientOptions);
}

async function start() {
  client = createClient();
  try {
    await client.start();
  } catch (err) {
    vscode.window.showErrorMessage(
      `Souple: could not start \`${serverCommand()} lsp\` (${err && err.message ? err.message : err}). ` +
        'Set "souple.path" to the souple binary.');
  }
}

async function restart() {
  if (client) {
    const old = client;
    client = undefined;
    try {
      await old.stop();
    } catch (_) {
      // Already stopped (the server failed to start or exited).
    }
  }
  await start();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('souple.restartServer', restart),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('souple.path')) restart();
    }));
  await start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
