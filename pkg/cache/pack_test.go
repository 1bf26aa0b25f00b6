package cache_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/budget-ledger/budget/pkg/cache"
)

var key = sha256.Sum256([]byte("synthetic key"))

// entries are synthetic entries of n files, each with data of its own.
func entries(n int, tag string) []cache.Named {
	var out []cache.Named
	for i := range n {
		e := cache.Entry{Stat: cache.Stat{Size: int64(100 + i), ModTime: int64(i) * 1e9, Change: int64(i) * 1e9, Inode: uint64(1000 + i)},
			Data: []byte(fmt.Sprintf("%s result of file %d", tag, i))}
		e.Sum = sha256.Sum256(e.Data)
		e.Dep = sha256.Sum256([]byte(tag))
		out = append(out, cache.Named{Rel: fmt.Sprintf("c/%02d.yaml", i), Entry: e})
	}
	return out
}

func write(t *testing.T, dir, name string, es []cache.Named) []byte {
	t.Helper()
	if err := cache.Write(dir, name, key, time.Unix(1e6, 0), es); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(cache.Path(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// same reports whether p holds exactly es.
func same(p *cache.Pack, es []cache.Named) bool {
	if p.Len() != len(es) {
		return false
	}
	for _, e := range es {
		got, ok := p.Lookup(e.Rel)
		if !ok || got.Stat != e.Stat || got.Sum != e.Sum || got.Dep != e.Dep || !bytes.Equal(got.Data, e.Data) {
			return false
		}
	}
	return true
}

func TestPackRoundTrip(t *testing.T) {
	dir := t.TempDir()
	es := entries(5, "a")
	write(t, dir, "ab", es)
	if p := cache.Open(dir, "ab", key); !same(p, es) {
		t.Fatalf("the pack read back holds %d entries, not the %d written", p.Len(), len(es))
	}
	if p := cache.Open(dir, "ab", sha256.Sum256([]byte("another build"))); p.Len() != 0 {
		t.Errorf("a pack of another key gave %d entries", p.Len())
	}
	if p := cache.Open(dir, "cd", key); p.Len() != 0 {
		t.Errorf("a missing pack gave %d entries", p.Len())
	}
}

// TestPackNeverTrusted flips every byte of a pack, one at a time, and cuts it at every length:
// each such pack reads as empty, never as entries that differ from those written.
func TestPackNeverTrusted(t *testing.T) {
	dir := t.TempDir()
	good := write(t, dir, "ab", entries(3, "a"))
	path := cache.Path(dir, "ab")
	try := func(what string, b []byte) {
		t.Helper()
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if p := cache.Open(dir, "ab", key); p.Len() != 0 {
			t.Fatalf("%s: the pack gave %d entries", what, p.Len())
		}
	}
	for i := range good {
		for _, flip := range []byte{0x01, 0x80, 0xff} {
			b := bytes.Clone(good)
			b[i] ^= flip
			try(fmt.Sprintf("byte %d xor %#x", i, flip), b)
		}
	}
	for n := range len(good) {
		try(fmt.Sprintf("cut at %d", n), good[:n])
	}
	try("a byte more", append(bytes.Clone(good), 0))
	try("foreign", []byte("this is not a pack of budget's, but a synthetic file of the same name\n"))
	// The version is in the header, which its checksum covers: a pack of version 2 whose
	// header checksum is right is still refused by its version.
	b := bytes.Clone(good)
	b[8]++
	const headerSize = 8 + 4 + 32 + 8 + 4
	binary.LittleEndian.PutUint32(b[headerSize-4:], crc32.Checksum(b[:headerSize-4], crc32.MakeTable(crc32.Castagnoli)))
	try("another version", b)
}

func TestPackTrusted(t *testing.T) {
	dir := t.TempDir()
	start := time.Now()
	old := start.Add(-time.Hour).UnixNano()
	st := cache.Stat{Size: 10, ModTime: old, Change: old, Inode: 7}
	es := []cache.Named{{Rel: "a.yaml", Entry: cache.Entry{Stat: st, Data: []byte("synthetic")}}}
	if err := cache.Write(dir, "ab", key, start, es); err != nil {
		t.Fatal(err)
	}
	p := cache.Open(dir, "ab", key)
	e, ok := p.Lookup("a.yaml")
	if !ok || !p.Trusted(e, st) {
		t.Fatal("a settled file of the entry's stat is not trusted")
	}
	for _, tt := range []struct {
		name string
		st   cache.Stat
	}{
		{"size", cache.Stat{Size: 11, ModTime: old, Change: old, Inode: 7}},
		{"mtime", cache.Stat{Size: 10, ModTime: old + 1, Change: old, Inode: 7}},
		{"ctime", cache.Stat{Size: 10, ModTime: old, Change: old + 1, Inode: 7}},
		{"inode", cache.Stat{Size: 10, ModTime: old, Change: old, Inode: 8}},
	} {
		if p.Trusted(e, tt.st) {
			t.Errorf("a file of another %s is trusted", tt.name)
		}
	}
	// Racy: a file changed within the granularity before the run that wrote its entry began
	// may have changed again since under the same stat.
	for _, ago := range []time.Duration{0, time.Second, cache.Granularity - time.Millisecond} {
		racy := cache.Stat{Size: 10, ModTime: start.Add(-ago).UnixNano(), Change: old, Inode: 7}
		es[0].Stat = racy
		if err := cache.Write(dir, "ab", key, start, es); err != nil {
			t.Fatal(err)
		}
		p := cache.Open(dir, "ab", key)
		if e, _ := p.Lookup("a.yaml"); p.Trusted(e, racy) {
			t.Errorf("a file changed %v before the pack's run is trusted by its stat", ago)
		}
		if cache.Settled(cache.Stat{ModTime: old, Change: start.Add(-ago).UnixNano()}, start.UnixNano()) {
			t.Errorf("a file whose ctime is %v before the run is settled", ago)
		}
	}
}

// TestStatOfInode: two files of the same size and mtime are told apart by their inodes.
func TestStatOfInode(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.yaml"), filepath.Join(dir, "b.yaml")
	for _, p := range []string{a, b} {
		if err := os.WriteFile(p, []byte("synthetic: 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, time.Unix(1e9, 0), time.Unix(1e9, 0)); err != nil {
			t.Fatal(err)
		}
	}
	fa, _ := os.Stat(a)
	fb, _ := os.Stat(b)
	sa, oka := cache.StatOf(fa)
	sb, okb := cache.StatOf(fb)
	if !oka || !okb {
		t.Fatal("an operating system file has no stat data")
	}
	if sa.Inode == 0 || sa.Inode == sb.Inode || sa.Change == 0 {
		t.Errorf("stat data %+v and %+v: want the inodes and ctimes", sa, sb)
	}
}

func TestBound(t *testing.T) {
	dir := t.TempDir()
	var names []string
	for i := range 4 {
		name := fmt.Sprintf("%02x", i)
		write(t, dir, name, entries(20, name))
		// Oldest first: pack 0 was used an hour ago, pack 3 now.
		at := time.Now().Add(time.Duration(i-4) * time.Hour)
		if err := os.Chtimes(cache.Path(dir, name), at, at); err != nil {
			t.Fatal(err)
		}
		names = append(names, name)
	}
	mine := filepath.Join(dir, "notes.pack") // not budget's: never removed
	if err := os.WriteFile(mine, bytes.Repeat([]byte("x"), 1<<16), 0o644); err != nil {
		t.Fatal(err)
	}
	info, _ := os.Stat(cache.Path(dir, names[0]))
	keep := cache.Path(dir, names[0])
	cache.Bound(dir, 2*info.Size(), keep)
	for i, name := range names {
		_, err := os.Stat(cache.Path(dir, name))
		if want := i == 0 || i == 3; (err == nil) != want {
			t.Errorf("pack %d (used %d h ago): there %t, want %t", i, 4-i, err == nil, want)
		}
	}
	if _, err := os.Stat(mine); err != nil {
		t.Errorf("a file not named as budget's packs are was removed: %v", err)
	}
}

// TestPackConcurrent: runs writing and reading one pack at once each read one whole pack.
func TestPackConcurrent(t *testing.T) {
	dir := t.TempDir()
	a, b := entries(50, "a"), entries(60, "b")
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			es := a
			if i%2 == 1 {
				es = b
			}
			for range 20 {
				if err := cache.Write(dir, "ab", key, time.Now(), es); err != nil {
					t.Error(err)
					return
				}
				if p := cache.Open(dir, "ab", key); !same(p, a) && !same(p, b) {
					t.Errorf("a pack of %d entries, neither run's", p.Len())
					return
				}
			}
		})
	}
	wg.Wait()
	left, _ := filepath.Glob(filepath.Join(dir, "*.tmp"))
	if len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}

func BenchmarkPackOpen(b *testing.B) {
	dir := b.TempDir()
	es := entries(11401, "a")
	for i := range es {
		es[i].Data = bytes.Repeat([]byte("synthetic"), 240) // about a cached proposal's size
	}
	if err := cache.Write(dir, "ab", key, time.Now(), es); err != nil {
		b.Fatal(err)
	}
	info, _ := os.Stat(cache.Path(dir, "ab"))
	b.SetBytes(info.Size())
	for b.Loop() {
		if p := cache.Open(dir, "ab", key); p.Len() != len(es) {
			b.Fatal("pack not read")
		}
	}
}

func BenchmarkPackWrite(b *testing.B) {
	dir := b.TempDir()
	es := entries(11401, "a")
	for i := range es {
		es[i].Data = bytes.Repeat([]byte("synthetic"), 240)
	}
	for b.Loop() {
		if err := cache.Write(dir, "ab", key, time.Now(), es); err != nil {
			b.Fatal(err)
		}
	}
}

// TestPackSide: a run that changed few entries writes them to the side pack and leaves the pack
// as it was; Open reads both, the side pack's entry standing for its file; a side pack that is
// not whole is left out; a run that drops a file, or changed many, writes a whole pack, which
// removes the side pack.
func TestPackSide(t *testing.T) {
	dir := t.TempDir()
	es := entries(40, "a")
	packBytes := write(t, dir, "ab", es)
	side := filepath.Join(dir, "budget-ab-side.pack")
	// save saves es as a run does: an entry that did not change is the one the pack gave.
	save := func(es []cache.Named) {
		t.Helper()
		p := cache.Open(dir, "ab", key)
		es = slices.Clone(es)
		for i := range es {
			if e, ok := p.Lookup(es[i].Rel); ok && !es[i].Changed {
				es[i].Entry = e
			}
		}
		if err := p.Save(time.Unix(2e6, 0), es); err != nil {
			t.Fatal(err)
		}
	}
	now := slices.Clone(es)
	now[3].Data, now[3].Changed = []byte("synthetic result of file 3, changed"), true
	save(now)
	if b, _ := os.ReadFile(cache.Path(dir, "ab")); !bytes.Equal(b, packBytes) {
		t.Fatal("one entry changed: the pack was written anew")
	}
	if _, err := os.Stat(side); err != nil {
		t.Fatalf("one entry changed: no side pack: %v", err)
	}
	now[3].Changed = false
	if p := cache.Open(dir, "ab", key); !same(p, now) {
		t.Fatal("the pack and its side pack do not read back as the entries saved")
	}
	// Nothing changed: nothing is written, and the side pack's entry stays.
	before, _ := os.ReadFile(side)
	save(now)
	if after, _ := os.ReadFile(side); !bytes.Equal(before, after) {
		t.Fatal("nothing changed: the side pack was written")
	}
	// A second change keeps the first in the side pack.
	now[5].Data, now[5].Changed = []byte("synthetic result of file 5, changed"), true
	save(now)
	now[5].Changed = false
	if p := cache.Open(dir, "ab", key); !same(p, now) {
		t.Fatal("a second change: the first one was lost")
	}
	// A side pack cut short is left out: the pack's own entries stand.
	b, _ := os.ReadFile(side)
	if err := os.WriteFile(side, b[:len(b)-1], 0o644); err != nil {
		t.Fatal(err)
	}
	if p := cache.Open(dir, "ab", key); !same(p, es) {
		t.Fatal("a side pack cut short was read")
	}
	// A file gone: a whole pack, and no side pack. (The side pack was left out: the entries
	// that did not change are the pack's own.)
	now = slices.Clone(es)
	save(now[1:])
	if _, err := os.Stat(side); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("a file gone: the side pack is still there (%v)", err)
	}
	if p := cache.Open(dir, "ab", key); !same(p, now[1:]) {
		t.Fatal("a file gone: the whole pack does not read back as the entries saved")
	}
	// Many changed: a whole pack.
	many := slices.Clone(now[1:])
	for i := range many {
		many[i].Data, many[i].Changed = append([]byte("changed "), many[i].Data...), true
	}
	save(many)
	if _, err := os.Stat(side); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("every entry changed: a side pack was written (%v)", err)
	}
	for i := range many {
		many[i].Changed = false
	}
	if p := cache.Open(dir, "ab", key); !same(p, many) {
		t.Fatal("every entry changed: the pack does not read back as the entries saved")
	}
}
