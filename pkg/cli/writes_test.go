package cli

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/budget-ledger/budget/pkg/atomicfile"
	"github.com/rogpeppe/go-internal/txtar"
)

// writeCases run the commands that write (fmt, new and catalog sync) on the small test ledger at
// work/proposals, in a folder that also holds files beside the ledger, and compare the whole
// folder before and after: every file added, removed or changed, inside the ledger or out of
// it, must be one the case expects. Nothing is written outside, nothing lost. The data is
// synthetic.
var writeCases = []struct {
	name    string
	files   map[string]string // added to or replacing files, below the test folder
	setup   func(t *testing.T)
	args    []string
	exit    int
	stdout  string
	stderr  string
	changes []string // "added|removed|changed path", sorted
}{
	{
		name:   "new writes one file",
		args:   []string{"new", "--committee", "aaa", "--kind", "efficiency", "Ny løsning"},
		stdout: "work/proposals/aaa/03-ny-loesning.yaml\n",
		stderr: "next: write the values that say TODO (budget validate lists them); work/proposals/catalog.yaml is published, " +
			"so its printed tables stay as they are and budget validate reports each figure the new proposal changes (table-mismatch)\n",
		changes: []string{"added work/proposals/aaa/03-ny-loesning.yaml"},
	},
	{
		name:    "catalog sync writes the catalog, and nothing else",
		files:   map[string]string{"work/proposals/catalog.yaml": "status: draft\n" + fixtureCatalog()},
		args:    []string{"catalog", "sync"},
		stdout:  syncTable2,
		stderr:  "work/proposals/catalog.yaml: 9 figures written\n",
		changes: []string{"changed work/proposals/catalog.yaml"},
	},
	{
		name:   "catalog sync --check writes nothing",
		files:  map[string]string{"work/proposals/catalog.yaml": "status: draft\n" + strings.Replace(fixtureCatalog(), "2027: 1260", "2027: 1261", 1)},
		args:   []string{"catalog", "sync", "--check"},
		exit:   ExitData,
		stdout: "Table 1, I alt, 2027: 1,261 → 1,260 (assertions.table1.total.2027)\n" + syncTable2,
		stderr: "10 figures of work/proposals/catalog.yaml out of step with its proposals: run budget catalog sync\n",
	},
	{
		name:  "new with a committee id that leads out of the ledger",
		files: map[string]string{"work/proposals/catalog.yaml": withCommittee(`"../../x"`)},
		args:  []string{"new", "--committee", "../../x", "--kind", "efficiency", "Ud"},
		exit:  ExitUsage,
		stderr: "budget: work/proposals/catalog.yaml has 1 error: budget new takes the committee's folder " +
			"from it only once it is valid; run budget validate\n",
	},
	{
		name:  "new with an absolute committee id",
		files: map[string]string{"work/proposals/catalog.yaml": withCommittee(`/tmp/x`)},
		args:  []string{"new", "--committee", "/tmp/x", "--kind", "efficiency", "Ud"},
		exit:  ExitUsage,
		stderr: "budget: work/proposals/catalog.yaml has 1 error: budget new takes the committee's folder " +
			"from it only once it is valid; run budget validate\n",
	},
	{
		// The schema accepts the id; the check does not, for it names the cross-cutting folder.
		name:  "new with the committee id cross-cutting",
		files: map[string]string{"work/proposals/catalog.yaml": withCommittee(`cross-cutting`)},
		args:  []string{"new", "--committee", "cross-cutting", "--kind", "efficiency", "Ud"},
		exit:  ExitUsage,
		stderr: "budget: work/proposals/catalog.yaml has 1 error: budget new takes the committee's folder " +
			"from it only once it is valid; run budget validate\n",
	},
	{
		name:   "new into a committee folder that links out of the ledger",
		files:  map[string]string{"work/proposals/catalog.yaml": withCommittee(`ccc`), "outside/keep.txt": "kept\n"},
		setup:  linkCommitteeOutside,
		args:   []string{"new", "--committee", "ccc", "--kind", "efficiency", "Ud"},
		exit:   ExitUsage,
		stderr: "budget: cannot make work/proposals/ccc: path escapes from parent: nothing written\n",
	},
	{
		name: "fmt rewrites the files that are not canonical and nothing else",
		args: []string{"fmt"},
		stdout: "work/proposals/aaa/01-digital.yaml\nwork/proposals/bbb/02-husleje.yaml\n" +
			"work/proposals/catalog.yaml\nwork/proposals/cross-cutting/affald.yaml\n",
		changes: []string{"changed work/proposals/aaa/01-digital.yaml", "changed work/proposals/bbb/02-husleje.yaml",
			"changed work/proposals/catalog.yaml", "changed work/proposals/cross-cutting/affald.yaml"},
	},
	{
		name:   "fmt removes what a killed run left",
		files:  map[string]string{"work/proposals/bbb/.02-husleje.yaml.tmp-77": "schema: 1\n"},
		args:   []string{"fmt", "work/proposals/bbb"},
		stdout: "work/proposals/bbb/02-husleje.yaml\n",
		stderr: "removed work/proposals/bbb/.02-husleje.yaml.tmp-77, a temporary file of an interrupted write\n",
		changes: []string{"removed work/proposals/bbb/.02-husleje.yaml.tmp-77",
			"changed work/proposals/bbb/02-husleje.yaml"},
	},
	{
		name:  "fmt does not follow a folder link met in the ledger",
		files: map[string]string{"outside/09-ude.yaml": "schema:    1\n"},
		setup: linkCommitteeOutside,
		args:  []string{"fmt"},
		exit:  ExitData,
		stdout: "work/proposals/aaa/01-digital.yaml\nwork/proposals/bbb/02-husleje.yaml\n" +
			"work/proposals/catalog.yaml\nwork/proposals/cross-cutting/affald.yaml\n",
		stderr: "work/proposals/ccc: error: symbolic links are not followed: put the file itself in the ledger [symlink]\n" +
			"1 error, 0 warnings, 0 acknowledged\n",
		changes: []string{"changed work/proposals/aaa/01-digital.yaml", "changed work/proposals/bbb/02-husleje.yaml",
			"changed work/proposals/catalog.yaml", "changed work/proposals/cross-cutting/affald.yaml"},
	},
	{
		// A folder named on the command line is the user's choice, as --dir is, and may be a
		// link; fmt writes below the folder it leads to, and nowhere else.
		name:    "fmt follows a folder link named on the command line",
		files:   map[string]string{"outside/09-ude.yaml": "schema:    1\n"},
		setup:   linkCommitteeOutside,
		args:    []string{"fmt", "work/proposals/ccc"},
		stdout:  "work/proposals/ccc/09-ude.yaml\n",
		changes: []string{"changed outside/09-ude.yaml"},
	},
}

// syncTable2 is what catalog sync writes into the test ledger's catalog, which has no Table 2.
const syncTable2 = "Table 2, Alfa-udvalget, 2026: absent → 110 (assertions.table2.rows.0.amounts.2026)\n" +
	"Table 2, Alfa-udvalget, 2027: absent → 1,210 (assertions.table2.rows.0.amounts.2027)\n" +
	"Table 2, Alfa-udvalget, total investment: blank → 1,300 (assertions.table2.rows.0.total_investment)\n" +
	"Table 2, Betaudvalget, 2026: absent → 50 (assertions.table2.rows.1.amounts.2026)\n" +
	"Table 2, Betaudvalget, 2027: absent → 50 (assertions.table2.rows.1.amounts.2027)\n" +
	"Table 2, Betaudvalget, total investment: blank → 0 (assertions.table2.rows.1.total_investment)\n" +
	"Table 2, I alt, 2026: absent → 160 (assertions.table2.total.amounts.2026)\n" +
	"Table 2, I alt, 2027: absent → 1,260 (assertions.table2.total.amounts.2027)\n" +
	"Table 2, I alt, total investment: blank → 1,300 (assertions.table2.total.total_investment)\n"

// linkCommitteeOutside makes the ledger's folder ccc a symbolic link to outside/, beside the
// ledger.
func linkCommitteeOutside(t *testing.T) {
	if err := os.Symlink("../../outside", "work/proposals/ccc"); err != nil {
		t.Fatal(err)
	}
}

// withCommittee is the test ledger's catalog with one more committee.
func withCommittee(id string) string {
	return strings.Replace(fixtureCatalog(), "committees:\n", "committees:\n  - id: "+id+"\n    name: Ekstra-udvalget\n", 1)
}

// fixtureCatalog is the test ledger's catalog.
func fixtureCatalog() string {
	for _, f := range ledgerFixture().Files {
		if f.Name == "proposals/catalog.yaml" {
			return string(f.Data)
		}
	}
	panic("no catalog in the fixture")
}

// testLedger is testdata/ledger.txtar, read before any test changes folder.
var testLedger = func() *txtar.Archive {
	a, err := txtar.ParseFile("../../testdata/ledger.txtar")
	if err != nil {
		panic(err)
	}
	return a
}()

func ledgerFixture() *txtar.Archive { return testLedger }

func TestWritesStayInside(t *testing.T) {
	for _, tc := range writeCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Chdir(t.TempDir())
			for _, f := range ledgerFixture().Files {
				writeFile(t, filepath.Join("work", f.Name), string(f.Data))
			}
			writeFile(t, "beside.yaml", "schema:    1\n") // a data file outside the ledger
			for name, data := range tc.files {
				writeFile(t, name, data)
			}
			if tc.setup != nil {
				tc.setup(t)
			}
			before := snapshot(t)
			var out, errb bytes.Buffer
			args := append(slices.Clone(tc.args), "--dir", "work/proposals", "--lang", "en")
			code := Main(args, Streams{In: strings.NewReader(""), Out: &out, Err: &errb})
			if code != tc.exit || out.String() != tc.stdout || errb.String() != tc.stderr {
				t.Errorf("budget %s: exit %d\nstdout:\n%s\nstderr:\n%s\nwant exit %d\nstdout:\n%s\nstderr:\n%s",
					strings.Join(tc.args, " "), code, out.String(), errb.String(), tc.exit, tc.stdout, tc.stderr)
			}
			if got := treeChanges(before, snapshot(t)); !slices.Equal(got, tc.changes) {
				t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.changes, "\n"))
			}
		})
	}
}

// A write that fails after others succeeded (the disk fills up) is reported with exactly what
// was written: the files printed, and only those.
func TestFmtWriteFailsMidway(t *testing.T) {
	t.Chdir(t.TempDir())
	for _, f := range ledgerFixture().Files {
		writeFile(t, f.Name, string(f.Data))
	}
	before := snapshot(t)
	calls := 0
	fmtWriteFile = func(root *os.Root, name string, data []byte, perm fs.FileMode) error {
		if calls++; calls == 2 {
			return &os.PathError{Op: "write", Path: name, Err: errors.New("no space left on device")}
		}
		return atomicfile.WriteIn(root, name, data, perm)
	}
	t.Cleanup(func() { fmtWriteFile = atomicfile.WriteIn })
	var out, errb bytes.Buffer
	code := Main([]string{"fmt", "--dir", "proposals", "--lang", "en"}, Streams{In: strings.NewReader(""), Out: &out, Err: &errb})
	wantErr := "budget: cannot write proposals/bbb/02-husleje.yaml: no space left on device: " +
		"of 4 files to rewrite, 1 rewritten (listed above), 3 left as they were\n"
	if code != ExitUsage || out.String() != "proposals/aaa/01-digital.yaml\n" || errb.String() != wantErr {
		t.Errorf("exit %d\nstdout:\n%s\nstderr:\n%s\nwant exit 2, stdout the first file, stderr:\n%s", code, out.String(), errb.String(), wantErr)
	}
	if got, want := treeChanges(before, snapshot(t)), []string{"changed proposals/aaa/01-digital.yaml"}; !slices.Equal(got, want) {
		t.Errorf("changes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// treeChanges compares two snapshots: what was added, removed or changed, sorted by path.
func treeChanges(before, after string) []string {
	index := func(s string) map[string]string {
		m := map[string]string{}
		for line := range strings.Lines(s) {
			p, _, _ := strings.Cut(line, " ")
			m[p] = line
		}
		return m
	}
	b, a := index(before), index(after)
	var out []string
	for p, line := range a {
		switch old, ok := b[p]; {
		case !ok:
			out = append(out, "added "+p)
		case old != line:
			out = append(out, "changed "+p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			out = append(out, "removed "+p)
		}
	}
	slices.SortFunc(out, func(x, y string) int {
		_, px, _ := strings.Cut(x, " ")
		_, py, _ := strings.Cut(y, " ")
		return strings.Compare(px, py)
	})
	return out
}
