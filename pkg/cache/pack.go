// Package cache keeps the results of loading a ledger's files between runs, in one pack file a
// ledger: each entry is a file's result (opaque bytes to this package), found by the file's
// path in the ledger and vouched for by its stat data, as git's index does, or else by the hash
// of its content. A pack is never trusted: one that is truncated, corrupt, foreign or of
// another key is read as an empty one, and the run that finds it writes a new one.
//
// Layout of a pack (integers little-endian):
//
//	header   magic "budgetpk", version u32, key [32]byte, start i64 (ns), crc32c u32 of the header
//	entries  each: length u32, crc32c u32 of the body, body
//	trailer  0xffffffff u32, entry count u32, crc32c u32 of the entries' crcs
//
// An entry's body is its path, its stat (size, mtime, ctime, inode), the content's sha256,
// the hash of what else the result depends on (Dep), then the result. The whole pack is read
// and checked at Open, before any entry is used.
package cache

import (
	"bufio"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/budget-ledger/budget/pkg/binenc"
)

// Version is the pack format's version; a pack of another is ignored. Raise it whenever the
// layout or the encoding of an entry's result changes in a way the key does not cover.
const Version = 1

const (
	magic      = "budgetpk"
	prefix     = "budget-"
	headerSize = len(magic) + 4 + sha256.Size + 8 + 4
	endMark    = 0xffffffff
	// Ext is a pack's file name extension.
	Ext = ".pack"
)

// Granularity is the coarsest timestamp granularity of a file system budget expects (FAT's two
// seconds): a file whose mtime is within it of the start of the run that wrote its entry may
// have changed again since without its stat showing it (racy git), so its content is compared.
const Granularity = 2 * time.Second

// MaxFolderSize bounds the cache folder: after a pack is written, the least recently used
// packs are removed until the folder's packs hold at most this many bytes.
const MaxFolderSize int64 = 1 << 30

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Stat is what a file's stat data says of it, as an entry records it.
type Stat struct {
	Size    int64
	ModTime int64 // ns since the epoch
	Change  int64 // ctime, ns since the epoch; 0 where the system gives none
	Inode   uint64
}

// StatOf returns the stat data of fi; false when fi comes from a file system that keeps none
// of its own (an in-memory or git one), whose files the cache does not vouch for by stat.
func StatOf(fi fs.FileInfo) (Stat, bool) {
	st := Stat{Size: fi.Size(), ModTime: fi.ModTime().UnixNano()}
	return st, sysStat(fi, &st)
}

// Entry is one file's result in a pack.
type Entry struct {
	Stat Stat
	Sum  [sha256.Size]byte // sha256 of the file's content
	Dep  [sha256.Size]byte // hash of what else the result was computed from
	Data []byte            // the result
}

// Pack is a pack file as read by Open. Its entries' Data are slices of the one buffer the file
// was read into; it is read-only and safe to use from several goroutines.
type Pack struct {
	start   int64
	entries map[string]Entry
	path    string
}

// Path returns the file name of the pack name: dir/budget-name.pack. name is hexadecimal; Bound
// removes no file of the folder that is not named so, since the folder may be one of the
// user's (BUDGET_CACHE_DIR).
func Path(dir, name string) string { return filepath.Join(dir, prefix+name+Ext) }

// isPackName reports whether name is a pack's, budget-<1-64 lower-case hex digits>.pack; and
// isTempName whether it is one's temporary file, that name and .<digits>.tmp. Plain functions,
// not regular expressions: nothing of the cache is built at process start.
func isPackName(name string) bool {
	rest, ok := strings.CutSuffix(name, Ext)
	return ok && isPackStem(rest)
}

func isTempName(name string) bool {
	rest, ok := strings.CutSuffix(name, ".tmp")
	if !ok {
		return false
	}
	i := strings.LastIndexByte(rest, '.')
	if i < 0 || !allIn(rest[i+1:], "0123456789") {
		return false
	}
	return isPackName(rest[:i])
}

func isPackStem(s string) bool {
	hex, ok := strings.CutPrefix(s, prefix)
	return ok && len(hex) <= 64 && allIn(hex, "0123456789abcdef")
}

// allIn reports whether s is not empty and each of its bytes is one of set's.
func allIn(s, set string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(set, s[i]) < 0 {
			return false
		}
	}
	return true
}

// Open reads the pack name of dir (Path) written with key. A pack that is missing, unreadable,
// truncated, corrupt anywhere, foreign or of another version or key is an empty Pack, never an
// error: the run then computes every result and writes a new pack.
func Open(dir, name string, key [sha256.Size]byte) *Pack {
	p := &Pack{path: Path(dir, name)}
	buf, err := os.ReadFile(p.path)
	if err != nil {
		return p
	}
	start, entries, ok := parse(buf, key)
	if !ok {
		return p
	}
	p.start, p.entries = start, entries
	// The pack's mtime is when it was last used: the folder's bound removes the least recent.
	now := time.Now()
	_ = os.Chtimes(p.path, now, now)
	return p
}

// Len returns how many entries the pack holds.
func (p *Pack) Len() int { return len(p.entries) }

// Lookup returns the entry of the file at rel.
func (p *Pack) Lookup(rel string) (Entry, bool) {
	e, ok := p.entries[rel]
	return e, ok
}

// Trusted reports whether e's stat data alone vouches for a file whose stat is st: they are
// equal, and the file was last changed more than Granularity before the run that wrote the
// pack began, so that a change within the same timestamp cannot hide behind the same stat.
func (p *Pack) Trusted(e Entry, st Stat) bool {
	return e.Stat == st && Settled(st, p.start)
}

// Settled reports whether a file of stat st was changed more than Granularity before start
// (ns): an entry written by a run that began at start is then trusted by its stat.
func Settled(st Stat, start int64) bool {
	return st.ModTime < start-int64(Granularity) && st.Change < start-int64(Granularity)
}

func parse(buf []byte, key [sha256.Size]byte) (int64, map[string]Entry, bool) {
	if len(buf) < headerSize+12 || string(buf[:len(magic)]) != magic {
		return 0, nil, false
	}
	h := buf[:headerSize]
	if binary.LittleEndian.Uint32(h[len(magic):]) != Version ||
		string(h[len(magic)+4:len(magic)+4+sha256.Size]) != string(key[:]) ||
		binary.LittleEndian.Uint32(h[headerSize-4:]) != crc32.Checksum(h[:headerSize-4], castagnoli) {
		return 0, nil, false
	}
	start := int64(binary.LittleEndian.Uint64(h[len(magic)+4+sha256.Size:]))
	rest := buf[headerSize:]
	entries := map[string]Entry{}
	all := crc32.New(castagnoli)
	var crc [4]byte
	for {
		if len(rest) < 8 {
			return 0, nil, false
		}
		n := binary.LittleEndian.Uint32(rest)
		if n == endMark {
			break
		}
		sum := binary.LittleEndian.Uint32(rest[4:])
		if uint64(n) > uint64(len(rest)-8) {
			return 0, nil, false
		}
		body := rest[8 : 8+n : 8+n]
		rest = rest[8+n:]
		if crc32.Checksum(body, castagnoli) != sum {
			return 0, nil, false
		}
		_, _ = all.Write(binary.LittleEndian.AppendUint32(crc[:0], sum))
		rel, e, ok := readEntry(body)
		if !ok {
			return 0, nil, false
		}
		if _, dup := entries[rel]; dup {
			return 0, nil, false
		}
		entries[rel] = e
	}
	if len(rest) != 12 || int(binary.LittleEndian.Uint32(rest[4:])) != len(entries) ||
		binary.LittleEndian.Uint32(rest[8:]) != all.Sum32() {
		return 0, nil, false
	}
	return start, entries, true
}

func readEntry(body []byte) (string, Entry, bool) {
	r := binenc.NewReader(body)
	rel := r.String()
	var e Entry
	e.Stat.Size = r.Varint()
	e.Stat.ModTime = r.Varint()
	e.Stat.Change = r.Varint()
	e.Stat.Inode = r.Uvarint()
	copy(e.Sum[:], r.Raw(sha256.Size))
	copy(e.Dep[:], r.Raw(sha256.Size))
	e.Data = r.Raw(r.Left())
	return rel, e, r.Err() == nil && rel != ""
}

func appendEntry(buf []byte, rel string, e Entry) []byte {
	w := binenc.NewWriter(buf)
	w.String(rel)
	w.Varint(e.Stat.Size)
	w.Varint(e.Stat.ModTime)
	w.Varint(e.Stat.Change)
	w.Uvarint(e.Stat.Inode)
	w.Raw(e.Sum[:])
	w.Raw(e.Dep[:])
	w.Raw(e.Data)
	return w.Bytes()
}

// Named is an entry with the path of its file in the ledger.
type Named struct {
	Rel string
	Entry
}

// Write writes the pack name of dir (Path) of entries, key and start (the time the run began,
// before it read any stat), atomically: a temporary file beside it, then a rename, so that a
// reader, or another run writing the same pack, sees one whole pack or the other. It then
// bounds the folder (MaxFolderSize). The folder is made if it is missing.
//
// The pack is not synced to disk: after a crash a torn pack fails its checksums and is
// rebuilt, and a sync would cost more than a cold run's write.
func Write(dir, name string, key [sha256.Size]byte, start time.Time, entries []Named) (err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, prefix+name+Ext+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	w := bufio.NewWriterSize(f, 1<<16)
	h := make([]byte, 0, headerSize)
	h = append(h, magic...)
	h = binary.LittleEndian.AppendUint32(h, Version)
	h = append(h, key[:]...)
	h = binary.LittleEndian.AppendUint64(h, uint64(start.UnixNano()))
	h = binary.LittleEndian.AppendUint32(h, crc32.Checksum(h, castagnoli))
	if _, err := w.Write(h); err != nil {
		return err
	}
	all := crc32.New(castagnoli)
	var body, frame []byte
	for _, e := range entries {
		body = appendEntry(body[:0], e.Rel, e.Entry)
		sum := crc32.Checksum(body, castagnoli)
		frame = binary.LittleEndian.AppendUint32(frame[:0], uint32(len(body)))
		frame = binary.LittleEndian.AppendUint32(frame, sum)
		_, _ = all.Write(frame[4:8])
		_, _ = w.Write(frame)
		if _, err := w.Write(body); err != nil {
			return err
		}
	}
	frame = binary.LittleEndian.AppendUint32(frame[:0], endMark)
	frame = binary.LittleEndian.AppendUint32(frame, uint32(len(entries)))
	frame = binary.LittleEndian.AppendUint32(frame, all.Sum32())
	if _, err := w.Write(frame); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), Path(dir, name)); err != nil {
		return err
	}
	Bound(dir, MaxFolderSize, Path(dir, name))
	return nil
}

// Bound removes the least recently used packs of dir (by mtime, which Open renews) until its
// packs hold at most max bytes, keeping the pack keep; and any temporary file of a write that
// stopped more than an hour ago. It reports nothing: another run may be removing the same.
func Bound(dir string, max int64, keep string) {
	list, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	type pack struct {
		path string
		size int64
		used time.Time
	}
	var packs []pack
	var total int64
	for _, e := range list {
		info, err := e.Info()
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		p := filepath.Join(dir, e.Name())
		switch {
		case isPackName(e.Name()):
			packs = append(packs, pack{p, info.Size(), info.ModTime()})
			total += info.Size()
		case isTempName(e.Name()) && time.Since(info.ModTime()) > time.Hour:
			_ = os.Remove(p)
		}
	}
	slices.SortFunc(packs, func(a, b pack) int { return cmp.Or(a.used.Compare(b.used), strings.Compare(a.path, b.path)) })
	for _, p := range packs {
		if total <= max {
			break
		}
		if p.path == keep {
			continue
		}
		if err := os.Remove(p.path); err == nil || errors.Is(err, fs.ErrNotExist) {
			total -= p.size
		}
	}
}
