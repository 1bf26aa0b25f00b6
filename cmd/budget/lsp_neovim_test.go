package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// findNeovim returns nvim from PATH. Without it the test skips, unless BUDGET_REQUIRE_NEOVIM=1
// (as in CI) makes that a failure.
func findNeovim(t *testing.T) string {
	t.Helper()
	if p, err := exec.LookPath("nvim"); err == nil {
		return p
	}
	msg := "no nvim on PATH: budget lsp's editor test needs Neovim (0.7 or later); install it with .ci/install-neovim"
	if os.Getenv("BUDGET_REQUIRE_NEOVIM") == "1" {
		t.Fatal(msg + " (BUDGET_REQUIRE_NEOVIM=1 makes a missing Neovim a failure)")
	}
	t.Skip(msg)
	return ""
}

// budgetCommand is this test binary under the name budget, which TestMain runs as the command.
func budgetCommand(t *testing.T) string {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(t.TempDir(), "budget")
	if err := os.Symlink(self, bin); err != nil {
		t.Fatal(err)
	}
	return bin
}

// copyBundled copies the bundled ledger to a temporary folder: the editor saves into it.
func copyBundled(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "proposals")
	if err := os.CopyFS(dir, os.DirFS("../../proposals")); err != nil {
		t.Fatal(err)
	}
	return dir
}

const neovimProposal = "buu/05-vikardaekning-dagtilbud.yaml"

// TestLSPInNeovim drives budget lsp from a real editor: headless Neovim runs
// testdata/lsp/e2e.lua, which opens a copy of a bundled proposal, edits a declared total, waits
// for the diagnostic, asks for a hover, applies the acknowledge code action and saves. The test
// checks each step's line and the saved file.
func TestLSPInNeovim(t *testing.T) {
	nvim := findNeovim(t)
	budget := budgetCommand(t)
	ledger := copyBundled(t)
	out := filepath.Join(t.TempDir(), "out")
	script, err := filepath.Abs("testdata/lsp/e2e.lua")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(ledger, neovimProposal)
	cmd := exec.Command(nvim, "--headless", "--clean", "-n", "-c", "luafile "+script)
	cmd.Dir = ledger
	cmd.Env = append(os.Environ(), "BUDGET="+budget, "LEDGER="+ledger, "FILE="+file, "OUT="+out, "XDG_STATE_HOME="+t.TempDir(), "XDG_CACHE_HOME="+t.TempDir())
	done := make(chan error, 1)
	var log strings.Builder
	cmd.Stdout, cmd.Stderr = &log, &log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-time.After(2 * time.Minute):
		_ = cmd.Process.Kill()
		t.Fatalf("nvim did not finish in 2 minutes; its output:\n%s", log.String())
	}
	got, rerr := os.ReadFile(out)
	if err != nil || rerr != nil {
		t.Fatalf("nvim: %v; its steps:\n%s\nits output:\n%s", err, got, log.String())
	}
	// The catalog's language is Danish: so are the messages, as budget validate words them.
	want := `loaded: 3 hints
diagnostic: 56:17 sum-mismatch "Samlet varig ændring" viser -3000 i 2027, men rækkerne summer til -3968
hover: **Samlet varig ændring**
hover: - 2027: angivet -3.000, beregnet -3.968 (afviger)
hover: Andel af Tabel 1-rækken for buu: 2026: 5,8 %, 2027: 9,6 %, 2028: 13,5 %, 2029: 13,5 %, 2030: 13,5 %
action: Acknowledge this finding (sum-mismatch at economy.permanent.totals.0.amounts.2027)
acknowledged: the finding is a hint
`
	if string(got) != want {
		t.Errorf("steps:\n%s\nwant:\n%s", got, want)
	}
	saved, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	wantTail := `      below in 2027, the third column.
  - check: sum-mismatch
    at: economy.permanent.totals.0.amounts.2027
    reason: TODO why the document says so
`
	if !strings.HasSuffix(string(saved), wantTail) {
		t.Errorf("the saved file ends\n%s\nwant\n%s", tail(string(saved), 6), wantTail)
	}
	if !strings.Contains(string(saved), "          2027: -3000\n") {
		t.Error("the saved file lacks the edited total")
	}
}

func tail(s string, n int) string {
	l := strings.SplitAfter(s, "\n")
	return strings.Join(l[max(0, len(l)-n):], "")
}
