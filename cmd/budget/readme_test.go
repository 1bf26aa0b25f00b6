package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// TestReadmeShowsRealOutput: the outputs the README shows for budget show 1 and a sliced total
// are the ones testdata/script/show_bundled.txtar checks against the bundled catalog, so the
// README cannot drift from what budget prints.
func TestReadmeShowsRealOutput(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	script, err := txtar.ParseFile(filepath.Join("..", "..", "testdata", "script", "show_bundled.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	shown := map[string]string{
		"show1.txt":          "$ budget show 1\n",
		"investment-mio.txt": "$ budget totals --kind investment --years 2026-2028 --unit mio\n",
	}
	for _, f := range script.Files {
		command, ok := shown[f.Name]
		if !ok {
			continue
		}
		delete(shown, f.Name)
		if !strings.Contains(string(readme), command+string(f.Data)+"```") {
			t.Errorf("README.md does not show %q as show_bundled.txtar's %s has it", strings.TrimSpace(command), f.Name)
		}
	}
	for name := range shown {
		t.Errorf("show_bundled.txtar has no %s", name)
	}
}

// TestReadmeShowsRealDiff: the pull-request comment the README quotes is the output
// testdata/script/diff_bundled.txtar checks, line for line.
func TestReadmeShowsRealDiff(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	script, err := txtar.ParseFile(filepath.Join("..", "..", "testdata", "script", "diff_bundled.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range script.Files {
		if f.Name != "want/p5.md" {
			continue
		}
		var quoted strings.Builder
		for _, line := range strings.Split(strings.TrimSuffix(string(f.Data), "\n"), "\n") {
			if line == "" {
				quoted.WriteString(">\n")
			} else {
				quoted.WriteString("> " + line + "\n")
			}
		}
		if !strings.Contains(string(readme), quoted.String()) {
			t.Error("README.md does not quote diff_bundled.txtar's want/p5.md as it is")
		}
		return
	}
	t.Error("diff_bundled.txtar has no want/p5.md")
}
