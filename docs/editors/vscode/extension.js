// budget lsp for VS Code: starts `budget lsp --dir LEDGER` for the YAML files of the ledger folder.
const vscode = require('vscode');
const path = require('path');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

exports.activate = async function () {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return;
  const config = vscode.workspace.getConfiguration('budget');
  const ledger = path.join(folder.uri.fsPath, config.get('ledger'));
  client = new LanguageClient('budget', 'budget', { command: config.get('path'), args: ['lsp', '--dir', ledger] }, {
    // Only the ledger's files: budget lsp answers a request for any other file with an error.
    documentSelector: [{ scheme: 'file', language: 'yaml', pattern: path.join(ledger, '**', '*.{yaml,yml}') }],
  });
  await client.start();
};

exports.deactivate = () => client?.stop();
