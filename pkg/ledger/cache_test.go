package ledger_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/budget-ledger/budget/pkg/check"
	"github.com/budget-ledger/budget/pkg/diag"
	"github.com/budget-ledger/budget/pkg/ledger"
	"github.com/budget-ledger/budget/pkg/msg"
)

// cachedLedger copies the bundled ledger to a folder of the test's own, its files settled (last
// changed an hour ago), and returns it with a cache folder.
func cachedLedger(t *testing.T) (dir, cacheDir string) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "proposals")
	if err := os.CopyFS(dir, os.DirFS("../../proposals")); err != nil {
		t.Fatal(err)
	}
	settle(t, dir)
	return dir, filepath.Join(t.TempDir(), "cache")
}

// settle sets every file's mtime an hour back, so that the cache trusts its stat data.
func settle(t *testing.T, dir string) {
	t.Helper()
	at := time.Now().Add(-time.Hour)
	err := filepath.WalkDir(dir, func(p string, e os.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			err = os.Chtimes(p, at, at)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// dump is everything a command reads of a loaded ledger, as text: the findings in both
// languages, the model, the Sheets, and each Document's positions and lines.
func dump(t *testing.T, l *ledger.Ledger, ds diag.List) string {
	t.Helper()
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "%s\n%s\n%+v\n", d.StringIn(msg.English), d.StringIn(msg.Danish), d)
	}
	for _, v := range []any{l.Catalog, l.Proposals, l.CrossCutting, l.Sheets} {
		j, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(j)
		b.WriteByte('\n')
	}
	for _, name := range slices.Sorted(maps.Keys(l.Docs)) {
		d := l.Docs[name]
		fmt.Fprintf(&b, "%s %v\n", name, d.Acks())
		for _, p := range d.Paths() {
			fmt.Fprintf(&b, "%s %v %v\n", p, d.Pos(p), d.KeyPos(p))
		}
		for n := range 400 {
			if line, ok := d.Line(n); ok {
				fmt.Fprintf(&b, "%d %s\n", n, line)
			}
		}
	}
	return b.String()
}

// load loads dir with the checks, through the cache in cacheDir ("" for none).
func load(t *testing.T, dir, cacheDir string, m ledger.Model) (string, int) {
	t.Helper()
	l, ds, err := check.Load(os.DirFS(dir), "proposals", ledger.Options{Model: m, Cache: ledger.Cache{Dir: cacheDir, Ledger: dir}})
	if err != nil {
		t.Fatal(err)
	}
	return dump(t, l, ds), ledger.FromCache(l)
}

func files(t *testing.T, dir string) int {
	t.Helper()
	fs, _, err := ledger.Files(os.DirFS(dir), "proposals", ledger.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return len(fs)
}

// TestCacheSameResults: a warm load gives what a load without cache gives, every file from the
// cache, in both models; one file changed comes from its content, the others from the cache.
func TestCacheSameResults(t *testing.T) {
	for _, m := range []ledger.Model{ledger.ModelAll, ledger.ModelTables} {
		t.Run(fmt.Sprint(m), func(t *testing.T) {
			dir, cacheDir := cachedLedger(t)
			n := files(t, dir)
			want, _ := load(t, dir, "", m)
			if got, hits := load(t, dir, cacheDir, m); got != want || hits != 0 {
				t.Fatalf("cold: %d from the cache, same results %t", hits, got == want)
			}
			if got, hits := load(t, dir, cacheDir, m); got != want || hits != n {
				t.Fatalf("warm: %d of %d from the cache, same results %t", hits, n, got == want)
			}
			// One file changed: a finding appears, read from the file, not the cache.
			p := filepath.Join(dir, "buu", "05-vikardaekning-dagtilbud.yaml")
			src, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			changed := bytes.Replace(src, []byte("title:"), []byte("title: \"Synthetic change\"\nx_unknown:"), 1)
			if err := os.WriteFile(p, changed, 0o644); err != nil {
				t.Fatal(err)
			}
			want, _ = load(t, dir, "", m)
			got, hits := load(t, dir, cacheDir, m)
			if got != want || hits != n-1 {
				t.Fatalf("one file changed: %d of %d from the cache, same results %t", hits, n, got == want)
			}
		})
	}
}

// TestCacheCatalogChanged: every other file's result depends on the catalog (its checks and
// Sheets read it), so a changed catalog takes none of them from the cache.
func TestCacheCatalogChanged(t *testing.T) {
	dir, cacheDir := cachedLedger(t)
	load(t, dir, cacheDir, ledger.ModelAll)
	p := filepath.Join(dir, ledger.CatalogFile)
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	// A committee renamed: every proposal of it is now under an unknown committee.
	changed := bytes.Replace(src, []byte("id: buu"), []byte("id: bux"), 1)
	if bytes.Equal(changed, src) {
		t.Fatal("the catalog has no committee buu")
	}
	if err := os.WriteFile(p, changed, 0o644); err != nil {
		t.Fatal(err)
	}
	settle(t, dir)
	want, _ := load(t, dir, "", ledger.ModelAll)
	if got, hits := load(t, dir, cacheDir, ledger.ModelAll); got != want || hits != 0 {
		t.Fatalf("catalog changed: %d from the cache, same results %t", hits, got == want)
	}
}

// TestCacheCorrupt flips bytes of the pack at many places: each load gives the results of a
// load without cache, none from the corrupt pack, and writes a good pack again.
func TestCacheCorrupt(t *testing.T) {
	dir, cacheDir := cachedLedger(t)
	n := files(t, dir)
	want, _ := load(t, dir, "", ledger.ModelTables)
	load(t, dir, cacheDir, ledger.ModelTables)
	packs, _ := filepath.Glob(filepath.Join(cacheDir, "*.pack"))
	if len(packs) != 1 {
		t.Fatalf("packs %v, want one", packs)
	}
	good, err := os.ReadFile(packs[0])
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < len(good); i += 1 + len(good)/97 {
		b := bytes.Clone(good)
		b[i] ^= 0x20
		if err := os.WriteFile(packs[0], b, 0o600); err != nil {
			t.Fatal(err)
		}
		if got, hits := load(t, dir, cacheDir, ledger.ModelTables); got != want || hits != 0 {
			t.Fatalf("byte %d flipped: %d from the cache, same results %t", i, hits, got == want)
		}
		if got, hits := load(t, dir, cacheDir, ledger.ModelTables); got != want || hits != n {
			t.Fatalf("after byte %d flipped, rebuilt: %d of %d from the cache, same results %t", i, hits, n, got == want)
		}
	}
}

// TestCacheConcurrent: loads of one ledger at once, sharing its pack, each give the results.
func TestCacheConcurrent(t *testing.T) {
	dir, cacheDir := cachedLedger(t)
	want, _ := load(t, dir, "", ledger.ModelAll)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 3 {
				l, ds, err := check.Load(os.DirFS(dir), "proposals", ledger.Options{Cache: ledger.Cache{Dir: cacheDir, Ledger: dir}})
				if err != nil {
					t.Error(err)
					return
				}
				if dump(t, l, ds) != want {
					t.Error("a concurrent load gave other results")
					return
				}
			}
		})
	}
	wg.Wait()
}

// TestCacheUnwritable: a cache folder that cannot be made changes nothing of the load.
func TestCacheUnwritable(t *testing.T) {
	dir, _ := cachedLedger(t)
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, []byte("synthetic\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	want, _ := load(t, dir, "", ledger.ModelAll)
	for range 2 {
		if got, hits := load(t, dir, filepath.Join(file, "cache"), ledger.ModelAll); got != want || hits != 0 {
			t.Fatalf("unwritable cache: %d from the cache, same results %t", hits, got == want)
		}
	}
}

// TestCacheFreshFiles: files written just now (a checkout) are not trusted by their stat, but
// found by their content; a file changed without its size changing is read anew.
func TestCacheFreshFiles(t *testing.T) {
	dir, cacheDir := cachedLedger(t)
	n := files(t, dir)
	now := time.Now()
	p := filepath.Join(dir, "buu", "05-vikardaekning-dagtilbud.yaml")
	if err := os.Chtimes(p, now, now); err != nil {
		t.Fatal(err)
	}
	want, _ := load(t, dir, "", ledger.ModelAll)
	load(t, dir, cacheDir, ledger.ModelAll)
	if got, hits := load(t, dir, cacheDir, ledger.ModelAll); got != want || hits != n {
		t.Fatalf("fresh file: %d of %d from the cache, same results %t", hits, n, got == want)
	}
	src, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	same := bytes.Replace(src, []byte("title: "), []byte("title:X"), 1) // same size, same mtime
	if err := os.WriteFile(p, same, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(p, now, now); err != nil {
		t.Fatal(err)
	}
	want, _ = load(t, dir, "", ledger.ModelAll)
	if got, hits := load(t, dir, cacheDir, ledger.ModelAll); got != want || hits != n-1 {
		t.Fatalf("changed under the same size and mtime: %d of %d from the cache, same results %t", hits, n, got == want)
	}
}
