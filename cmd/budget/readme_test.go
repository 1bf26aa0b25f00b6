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
