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

// TestReadmeStatesGoVersion: README's "Get started" names the Go version go.mod asks for.
func TestReadmeStatesGoVersion(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	mod, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	var version string
	for _, line := range strings.Split(string(mod), "\n") {
		if v, ok := strings.CutPrefix(line, "go "); ok {
			version = strings.TrimSpace(v)
		}
	}
	if version == "" {
		t.Fatal("go.mod has no go line")
	}
	if want := "Go " + version + " or later"; !strings.Contains(string(readme), want) {
		t.Errorf("README.md does not say %q, as go.mod asks", want)
	}
}

// TestMakefileLooksForChromiumAsTheTest: make test's note that the browser test skipped looks
// for Chromium under the names the test does.
func TestMakefileLooksForChromiumAsTheTest(t *testing.T) {
	mk, err := os.ReadFile(filepath.Join("..", "..", "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	want := "CHROMIUM_NAMES := " + strings.Join(chromiumNames, " ") + "\n"
	if !strings.Contains(string(mk), want) {
		t.Errorf("Makefile does not have %q, the names findChromium looks for", strings.TrimSpace(want))
	}
}
