package ledger_test

import (
	"bytes"
	"io/fs"
	"os"
	"runtime/metrics"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/budget-ledger/budget/pkg/check"
	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
)

// copyBundled returns the bundled ledger as an in-memory file system that a test may change.
func copyBundled(t testing.TB) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	bundled := os.DirFS("../../proposals")
	err := fs.WalkDir(bundled, ".", func(p string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		src, err := fs.ReadFile(bundled, p)
		fsys[p] = &fstest.MapFile{Data: src, Mode: 0o644}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// TestParallelLoadIsDeterministic loads the same ledger with one worker and with several, many
// times over, with each file's checks in its worker, keeping the values (as budget diff does)
// or not, and wants the same proposals in the same order and the same diagnostics, byte for
// byte, whatever the scheduling; the source lines shown are those of the whole files. The ledger
// has a broken file and two files claiming one number, so that which file is "already used by"
// which is put to the test too.
func TestParallelLoadIsDeterministic(t *testing.T) {
	fsys := copyBundled(t)
	// A copy claiming number 1 again, with a placeholder text.
	fsys["biu/99-copy.yaml"] = &fstest.MapFile{Data: bytes.Replace(fsys["biu/01-digitalt-samtykke.yaml"].Data,
		[]byte("\nsummary: >-\n"), []byte("\nsummary: TODO resumé\nsummary_draft: >-\n"), 1)}
	fsys["buu/98-broken.yaml"] = &fstest.MapFile{Data: []byte("schema: 1\nnumber: [\n")}

	run := func(workers int, values bool) (order []string, out string) {
		l, ds, err := check.Load(fsys, "proposals", ledger.Options{Workers: workers, Values: values})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range l.Proposals {
			order = append(order, p.Doc.File)
		}
		var b strings.Builder
		if err := diag.WriteText(&b, ds, l.Source, diag.Options{All: true}); err != nil {
			t.Fatal(err)
		}
		return order, b.String()
	}
	wantOrder, want := run(1, false)
	for _, code := range []string{"[duplicate-number]", "[yaml-syntax]", "[placeholder]"} {
		if !strings.Contains(want, code) {
			t.Fatalf("the test ledger lacks a %s finding:\n%s", code, want)
		}
	}
	if whole := wholeText(t, fsys); want != whole {
		t.Fatalf("the kept source lines show other excerpts than the whole files:\n%s\nwant:\n%s", want, whole)
	}
	for i := range 20 {
		workers, values := 2+i%7, i%2 == 1
		order, got := run(workers, values)
		if !slices.Equal(order, wantOrder) || got != want {
			t.Fatalf("run %d with %d workers, values %v differs from one worker:\n%s\nwant:\n%s", i, workers, values, got, want)
		}
	}
}

// TestLoadLeavesTheRuntimeAlone: a library sets no process-wide setting; the collector's
// percent and memory limit are read (runtime/metrics) while loads run and after them.
func TestLoadLeavesTheRuntimeAlone(t *testing.T) {
	fsys := copyBundled(t)
	settings := func() [2]uint64 {
		s := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
		metrics.Read(s)
		return [2]uint64{s[0].Value.Uint64(), s[1].Value.Uint64()}
	}
	before := settings()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, _, err := ledger.Load(fsys, "proposals"); err != nil {
				t.Error(err)
			}
			if got := settings(); got != before {
				t.Errorf("GC percent and memory limit %v while loading, want %v as before", got, before)
			}
		})
	}
	wg.Wait()
	if got := settings(); got != before {
		t.Errorf("GC percent and memory limit %v after the loads, want %v as before", got, before)
	}
}
