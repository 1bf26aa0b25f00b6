-- budget lsp in Neovim on a terminal, for cmd/budget's TestLSPScreen: it opens the proposal,
-- edits a declared total, waits for the diagnostic, opens the hover on it and writes READY,
-- for the test to capture the screen from tmux. BUDGET, LEDGER, FILE and READY come from the
-- environment, as in e2e.lua.
local budget, ledger, file, ready = os.getenv('BUDGET'), os.getenv('LEDGER'), os.getenv('FILE'), os.getenv('READY')
vim.o.number = true
vim.o.signcolumn = 'yes'
vim.o.termguicolors = true
vim.o.statusline = ' proposals/%{expand("%:.")} %m%=%l,%c '
vim.cmd('highlight NormalFloat guibg=#2d2d30 guifg=#d4d4d4')
vim.cmd('highlight FloatBorder guibg=#2d2d30 guifg=#808080')
vim.lsp.handlers['textDocument/hover'] = vim.lsp.with(vim.lsp.handlers.hover, { border = 'rounded' })
local id = vim.lsp.start_client({ name = 'budget', cmd = { budget, 'lsp', '--dir', ledger }, root_dir = ledger })
vim.cmd('edit ' .. vim.fn.fnameescape(vim.fn.fnamemodify(file, ':.')))
local buf = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(buf, id)
vim.wait(20000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
local row
for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
  if l == '          2027: -3968' and row == nil and i > 50 then row = i - 1 end
end
vim.api.nvim_buf_set_lines(buf, row, row + 1, false, { '          2027: -3000' })
vim.wait(20000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.lnum == row and d.code == 'sum-mismatch' then return true end
  end
end, 20)
vim.api.nvim_win_set_cursor(0, { row + 1, 12 })
vim.cmd('normal! zt')
vim.cmd('normal! 8\025') -- scroll back 8 lines, so that the rows above the total show too
vim.api.nvim_win_set_cursor(0, { row + 1, 12 })
vim.lsp.buf.hover()
vim.wait(20000, function()
  for _, w in ipairs(vim.api.nvim_list_wins()) do
    if vim.api.nvim_win_get_config(w).relative ~= '' then return true end
  end
end, 20)
vim.defer_fn(function() vim.fn.writefile({ 'ready' }, ready) end, 300)
