package ledger_test

import (
	"errors"
	"fmt"
	"io/fs"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/budget-ledger/budget/pkg/ledger"
)

// spyFS wraps a file system: it counts opens and bytes read, can make one file unreadable, and
// can make one file claim to be huge, serving zeros without end as a device would.
type spyFS struct {
	fs.FS
	opens, read int    // files opened (folders not counted), bytes read
	denied      string // Open of this name fails with permission denied
	huge        string // this name's Stat says 50 MB and its reads never end
}

func (s *spyFS) Open(name string) (fs.File, error) {
	if name == s.denied {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	f, err := s.FS.Open(name)
	if err != nil {
		return nil, err
	}
	if strings.HasSuffix(name, ".yaml") {
		s.opens++
	}
	return &spyFile{File: f, fs: s, huge: name == s.huge}, nil
}

// ReadDir lists folders without counting them as opens.
func (s *spyFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(s.FS, name) }

type spyFile struct {
	fs.File
	fs   *spyFS
	huge bool
}

type hugeInfo struct{ fs.FileInfo }

func (hugeInfo) Size() int64 { return 50 << 20 }

func (f *spyFile) Stat() (fs.FileInfo, error) {
	info, err := f.File.Stat()
	if f.huge && err == nil {
		return hugeInfo{info}, nil
	}
	return info, err
}

func (f *spyFile) Read(p []byte) (int, error) {
	if f.huge {
		clear(p)
		f.fs.read += len(p)
		return len(p), nil
	}
	n, err := f.File.Read(p)
	f.fs.read += n
	return n, err
}

func messages(t *testing.T, fsys fs.FS, opts ledger.Options) string {
	t.Helper()
	_, ds, err := ledger.LoadWith(fsys, "proposals", opts)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, d := range ds {
		out = append(out, d.String())
	}
	return strings.Join(out, "\n")
}

// TestUnreadableFile uses a file system that denies one file: as root, chmod 000 would not.
func TestUnreadableFile(t *testing.T) {
	fsys := &spyFS{FS: copyBundled(t), denied: "rev/36-personalereduktion.yaml"}
	got := messages(t, fsys, ledger.Options{})
	want := "proposals/rev/36-personalereduktion.yaml: error: cannot read file: permission denied [read]"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// TestHugeFileIsNotRead: a file that says it is 50 MB is refused from its size, with nothing read.
func TestHugeFileIsNotRead(t *testing.T) {
	fsys := &spyFS{FS: copyBundled(t), huge: "rev/36-personalereduktion.yaml"}
	got := messages(t, fsys, ledger.Options{})
	want := "proposals/rev/36-personalereduktion.yaml: error: file is 52428800 bytes, more than the limit of 4194304 (raise it with --max-file-size or BUDGET_MAX_FILE_SIZE) [file-too-large]"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	fsys.read = 0
	fsys.FS = fstest.MapFS{"catalog.yaml": {Data: []byte("x")}}
	fsys.huge = "catalog.yaml"
	messages(t, fsys, ledger.Options{})
	if fsys.read != 0 {
		t.Errorf("%d bytes read of a file refused from its size", fsys.read)
	}
}

// growing is a file whose Stat says it is small but whose reads never end, as a file that grows
// while it is read, or a device: reading stops one byte past the limit.
type growing struct{ spyFS }

func (g *growing) Open(name string) (fs.File, error) {
	f, err := g.spyFS.Open(name)
	if err != nil {
		return nil, err
	}
	f.(*spyFile).huge = false
	return &endless{f.(*spyFile)}, nil
}

type endless struct{ *spyFile }

func (e *endless) Read(p []byte) (int, error) {
	clear(p)
	e.fs.read += len(p)
	return len(p), nil
}

func TestGrowingFileIsCutAtTheLimit(t *testing.T) {
	g := &growing{spyFS{FS: fstest.MapFS{"catalog.yaml": {Data: []byte("schema: 1\n")}}}}
	got := messages(t, g, ledger.Options{})
	if !strings.HasPrefix(got, "proposals/catalog.yaml: error: file is 4194305 bytes, more than the limit of 4194304") {
		t.Errorf("got:\n%s", got)
	}
	if g.read > 4<<20+64<<10 {
		t.Errorf("read %d bytes of a file limited to %d", g.read, 4<<20)
	}
}

// TestTooManyFiles: the walk stops at the first file past the limit, before any file is opened.
func TestTooManyFiles(t *testing.T) {
	fsys := &spyFS{FS: copyBundled(t)}
	_, _, err := ledger.LoadWith(fsys, "proposals", ledger.Options{MaxFiles: 10})
	var tm *ledger.TooManyFilesError
	if !errors.As(err, &tm) {
		t.Fatalf("got %v, want a TooManyFilesError", err)
	}
	want := "proposals holds more than 10 data files, the limit (raise it with --max-files or BUDGET_MAX_FILES)"
	if err.Error() != want {
		t.Errorf("got %q, want %q", err, want)
	}
	if fsys.opens != 0 {
		t.Errorf("%d files opened before the limit stopped the walk", fsys.opens)
	}
}

// TestAliasBombIsRefusedFastInBoundedMemory loads a "billion laughs" of 40 levels (9^40
// strings if expanded) and wants it refused in well under a second and a few megabytes.
func TestAliasBombIsRefusedFastInBoundedMemory(t *testing.T) {
	var b strings.Builder
	b.WriteString("schema: 1\nl0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n")
	for i := 1; i <= 40; i++ {
		fmt.Fprintf(&b, "l%d: &l%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d, ", i-1), 9), ", "))
	}
	fsys := copyBundled(t)
	fsys["rev/36-personalereduktion.yaml"] = &fstest.MapFile{Data: []byte(b.String())}

	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	l, ds, err := ledger.Load(fsys, "proposals")
	elapsed := time.Since(start)
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(fmt.Sprint(ds), "YAML aliases (*l0) are not allowed: write each value where it belongs (and 359 more aliases in this file) [alias]") {
		t.Errorf("alias bomb not refused: %v", ds)
	}
	for _, p := range l.Proposals {
		if p.Number == 36 || p.Doc.File == "proposals/rev/36-personalereduktion.yaml" {
			t.Error("the alias bomb was decoded into the ledger")
		}
	}
	// Generous bounds, since the machine may be busy: the whole bundled ledger loads in ~50 ms
	// and allocates ~15 MB.
	if elapsed > 5*time.Second {
		t.Errorf("took %v", elapsed)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 200<<20 {
		t.Errorf("allocated %d MB", alloc>>20)
	}
}
