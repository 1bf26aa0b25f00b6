-- budget lsp driven from Neovim 0.7 (Debian 12's), headless: cmd/budget's TestLSPInNeovim runs
-- it as BUDGET=path/to/budget LEDGER=dir FILE=proposal OUT=results nvim --headless --clean -c 'luafile e2e.lua'.
-- It starts the client (vim.lsp.start_client and buf_attach_client: vim.lsp.start is 0.8's),
-- opens the proposal, edits a declared total, waits for the diagnostics, asks for a hover,
-- applies the acknowledge code action and saves; each step writes a line to OUT.
local budget, ledger, file, out = os.getenv('BUDGET'), os.getenv('LEDGER'), os.getenv('FILE'), os.getenv('OUT')
local lines = {}
local function say(s) table.insert(lines, s) end
local function finish(code)
  vim.fn.writefile(lines, out)
  vim.cmd((code == 0 and 'qall!') or 'cquit! ' .. code)
end
local ok, err = pcall(function()
  local id = vim.lsp.start_client({ name = 'budget', cmd = { budget, 'lsp', '--dir', ledger }, root_dir = ledger })
  assert(id, 'the client did not start')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  assert(vim.lsp.buf_attach_client(buf, id), 'the client did not attach')
  local client = vim.lsp.get_client_by_id(id)
  assert(vim.wait(20000, function() return client.initialized end, 20), 'the server did not initialize')
  -- The acknowledged findings come first, as hints.
  assert(vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 20), 'no diagnostics published')
  say('loaded: ' .. #vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.HINT }) .. ' hints')
  -- Edit the permanent total of 2027: the line after "Samlet varig ændring"'s 2026.
  local row
  for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if l == '          2027: -3968' and row == nil and i > 50 then row = i - 1 end
  end
  assert(row, 'no declared total of 2027 found')
  vim.api.nvim_buf_set_lines(buf, row, row + 1, false, { '          2027: -3000' })
  local found
  assert(vim.wait(20000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.lnum == row and d.code == 'sum-mismatch' then found = d return true end
    end
  end, 20), 'no sum-mismatch at the edited total')
  say(string.format('diagnostic: %d:%d %s %s', found.lnum + 1, found.col + 1, found.code, found.message))
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = row, character = 12 } }
  local hover = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 10000)
  local h = hover and hover[id] and hover[id].result
  assert(h, 'no hover')
  say('hover: ' .. vim.split(h.contents.value, '\n')[1])
  for _, l in ipairs(vim.split(h.contents.value, '\n')) do
    if l:find('2027') then say('hover: ' .. l) end
  end
  local ctx = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, row) }
  local range = { start = { line = row, character = 0 }, ['end'] = { line = row, character = 0 } }
  local actions = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction',
    { textDocument = { uri = vim.uri_from_bufnr(buf) }, range = range, context = ctx }, 10000)
  local ack
  for _, a in ipairs((actions and actions[id] and actions[id].result) or {}) do
    say('action: ' .. a.title)
    if a.title:find('^Acknowledge') then ack = a end
  end
  assert(ack, 'no acknowledge action')
  vim.lsp.util.apply_workspace_edit(ack.edit, client.offset_encoding or 'utf-16')
  client.request('workspace/executeCommand', ack.command, function() end, buf)
  vim.cmd('write')
  assert(vim.wait(20000, function()
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.lnum == row and d.code == 'sum-mismatch' and d.severity == vim.diagnostic.severity.HINT then return true end
    end
  end, 20), 'the acknowledged finding did not become a hint')
  say('acknowledged: the finding is a hint')
  client.stop()
end)
if not ok then
  say('error: ' .. tostring(err))
  finish(1)
else
  finish(0)
end
