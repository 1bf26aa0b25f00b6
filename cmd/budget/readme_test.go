package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"
)

// TestReadmeShowsRealOutput: the outputs the README shows (budget show 1, a sliced total, one
// committee's Table 2, the CSV files) are the ones the scenarios check against the bundled
// catalog, so the README cannot drift from what budget prints.
func TestReadmeShowsRealOutput(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	// The commands the README shows, by scenario and by the file there that holds the output.
	scripts := map[string]map[string]string{
		"show_bundled.txtar": {
			"show1.txt":          "$ budget show 1\n",
			"investment-mio.txt": "$ budget totals --kind investment --years 2026-2028 --unit mio\n",
		},
		"proposals_bundled.txtar": {
			"biu.txt": "$ budget proposals --committee biu\n",
			"biu.csv": "$ budget proposals --committee biu --format csv\n",
		},
		"totals_bundled.txtar": {"table1.csv": "$ budget totals --format csv\n"},
		"target_bundled.txtar": {"bundled.csv": "$ budget target --format csv\n"},
		// The scenarios' ledger of realised figures (testdata/followup.txtar).
		"followup_formats.txtar":   {"followup.txt": "$ budget followup\n"},
		"validate_shortfall.txtar": {"want/over.txt": "$ budget validate --lang en\n"},
		// The scenarios' ledger of budget folders (testdata/budgets.txtar).
		"budgets_list.txtar":           {"budgets.txt": "$ budget budgets\n"},
		"target_rising_profiles.txtar": {"target.txt": "$ budget target\n"},
		"compare_budgets.txtar":        {"compare.txt": "$ budget compare 2025 2026\n"},
	}
	for name, shown := range scripts {
		script, err := txtar.ParseFile(filepath.Join("..", "..", "testdata", "script", name))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range script.Files {
			command, ok := shown[f.Name]
			if !ok {
				continue
			}
			delete(shown, f.Name)
			if !strings.Contains(string(readme), command+string(f.Data)+"```") {
				t.Errorf("README.md does not show %q as %s's %s has it", strings.TrimSpace(command), name, f.Name)
			}
		}
		for file := range shown {
			t.Errorf("%s has no %s", name, file)
		}
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

// TestReadmeShowsRealCatalogFlow: "Writing a new catalog" shows, command by command, what
// testdata/script/catalog_bundled_draft.txtar checks on the bundled ledger made a draft.
func TestReadmeShowsRealCatalogFlow(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	script, err := txtar.ParseFile(filepath.Join("..", "..", "testdata", "script", "catalog_bundled_draft.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{}
	for _, f := range script.Files {
		want[f.Name] = string(f.Data)
	}
	blocks := []string{
		"$ budget new --committee buu --kind efficiency \"Færre vikartimer i dagtilbud\"\n" + want["want/new.txt"] + want["want/new-next.txt"],
		"$ budget validate --strict\n" + want["want/out-of-step.txt"],
		"$ budget catalog sync\n" + want["want/sync.txt"] + want["want/sync-stderr.txt"] + "$ budget validate --strict\n" + want["want/clean.txt"],
		"$ budget diff --dirs old proposals\n" + want["want/diff.txt"],
		"$ budget catalog publish\n" + want["want/publish.txt"] + "$ budget catalog sync\n" + want["want/published.txt"],
	}
	for _, b := range blocks {
		if !strings.Contains(string(readme), "```\n"+b+"```\n") {
			t.Errorf("README.md does not show, as catalog_bundled_draft.txtar checks it:\n%s", b)
		}
	}
}

// TestReadmeShowsRealPackage: the head of the Fiscal Data Package the README shows is that of
// the bundled catalog's package, as testdata/script/export_fdp_bundled.txtar checks it.
func TestReadmeShowsRealPackage(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	script, err := txtar.ParseFile(filepath.Join("..", "..", "testdata", "script", "export_fdp_bundled.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	heads := map[string]int{"want/datapackage.json": 12, "want/table2.csv": 4}
	for _, f := range script.Files {
		n, ok := heads[f.Name]
		if !ok {
			continue
		}
		delete(heads, f.Name)
		lines := strings.SplitAfter(string(f.Data), "\n")
		shown := fmt.Sprintf("$ head -%d fdp/%s\n%s", n, strings.TrimPrefix(f.Name, "want/"), strings.Join(lines[:min(n, len(lines))], ""))
		if !strings.Contains(string(readme), shown) {
			t.Errorf("README.md does not show the first %d lines of export_fdp_bundled.txtar's %s", n, f.Name)
		}
	}
	for name := range heads {
		t.Errorf("export_fdp_bundled.txtar has no %s", name)
	}
}
