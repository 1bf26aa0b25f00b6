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
//
// Beside the pack may stand its side pack, budget-<name>-side.pack, of the same layout: the
// entries that changed since the pack was written, which a run that changed few files writes
// instead of the whole pack (Pack.Save). Open reads both; an entry of the side pack stands for
// its file in place of the pack's. Each entry is vouched for by the start of the run that wrote
// the pack holding it, so a side pack needs nothing of the pack to be sound: one left beside
// another pack (a concurrent run wrote the pack anew) at worst costs a file's hashing.
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
	sideSuffix = "-side"
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

	start int64 // of the run that wrote the pack the entry was read from (ns)
	side  bool  // read from the side pack
}

// Pack is a pack file as read by Open. Its entries' Data are slices of the one buffer the file
// was read into; it is read-only and safe to use from several goroutines.
type Pack struct {
	entries   map[string]Entry
	dir, name string
	key       [sha256.Size]byte
	// main is the number of entries of the pack itself, -1 where it was not read whole: a run
	// then writes a whole pack, not a side pack.
	main int
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
	s, _ = strings.CutSuffix(s, sideSuffix)
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
//
// The side pack is read likewise, and one that is not whole is left out.
func Open(dir, name string, key [sha256.Size]byte) *Pack {
	p := &Pack{dir: dir, name: name, key: key, main: -1}
	p.entries = read(Path(dir, name), key, false)
	if p.entries == nil {
		p.entries = map[string]Entry{}
		return p
	}
	p.main = len(p.entries)
	for rel, e := range read(Path(dir, name+sideSuffix), key, true) {
		p.entries[rel] = e
	}
	return p
}

// read reads and checks the pack file at path, its entries marked side; nil where it is not
// whole.
func read(path string, key [sha256.Size]byte, side bool) map[string]Entry {
	buf, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	entries, ok := parse(buf, key, side)
	if !ok {
		return nil
	}
	// The pack's mtime is when it was last used: the folder's bound removes the least recent.
	now := time.Now()
	_ = os.Chtimes(path, now, now)
	return entries
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
	return e.Stat == st && Settled(st, e.start)
}

// Settled reports whether a file of stat st was changed more than Granularity before start
// (ns): an entry written by a run that began at start is then trusted by its stat.
func Settled(st Stat, start int64) bool {
	return st.ModTime < start-int64(Granularity) && st.Change < start-int64(Granularity)
}

func parse(buf []byte, key [sha256.Size]byte, side bool) (map[string]Entry, bool) {
	if len(buf) < headerSize+12 || string(buf[:len(magic)]) != magic {
		return nil, false
	}
	h := buf[:headerSize]
	if binary.LittleEndian.Uint32(h[len(magic):]) != Version ||
		string(h[len(magic)+4:len(magic)+4+sha256.Size]) != string(key[:]) ||
		binary.LittleEndian.Uint32(h[headerSize-4:]) != crc32.Checksum(h[:headerSize-4], castagnoli) {
		return nil, false
	}
	start := int64(binary.LittleEndian.Uint64(h[len(magic)+4+sha256.Size:]))
	rest := buf[headerSize:]
	entries := map[string]Entry{}
	all := crc32.New(castagnoli)
	var crc [4]byte
	for {
		if len(rest) < 8 {
			return nil, false
		}
		n := binary.LittleEndian.Uint32(rest)
		if n == endMark {
			break
		}
		sum := binary.LittleEndian.Uint32(rest[4:])
		if uint64(n) > uint64(len(rest)-8) {
			return nil, false
		}
		body := rest[8 : 8+n : 8+n]
		rest = rest[8+n:]
		if crc32.Checksum(body, castagnoli) != sum {
			return nil, false
		}
		_, _ = all.Write(binary.LittleEndian.AppendUint32(crc[:0], sum))
		rel, e, ok := readEntry(body)
		e.start, e.side = start, side
		if !ok {
			return nil, false
		}
		if _, dup := entries[rel]; dup {
			return nil, false
		}
		entries[rel] = e
	}
	if len(rest) != 12 || int(binary.LittleEndian.Uint32(rest[4:])) != len(entries) ||
		binary.LittleEndian.Uint32(rest[8:]) != all.Sum32() {
		return nil, false
	}
	return entries, true
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
	// Changed says that the entry is not the one the pack read gave for Rel (Pack.Save).
	Changed bool
}

// Save keeps entries, the results of a run that began at start (before it read any stat), as
// Write does: nothing where none changed and the pack holds no other file's; else, where the
// pack was read whole, every file it holds is among entries and few entries differ from the
// pack's (they changed, or came from the side pack), a side pack of those alone, so that one
// file changed costs the writing of its entry, not of the whole pack; else a whole pack, which
// takes the side pack's entries in.
func (p *Pack) Save(start time.Time, entries []Named) error {
	changed, held := false, 0
	var side []Named
	for _, e := range entries {
		if _, ok := p.entries[e.Rel]; ok {
			held++
		}
		changed = changed || e.Changed
		if e.Changed || e.side {
			side = append(side, e)
		}
	}
	switch gone := held < len(p.entries); {
	case !changed && !gone:
		return nil
	case p.main >= 0 && !gone && len(side) <= max(8, p.main/16):
		return write(p.dir, p.name+sideSuffix, p.key, start, side)
	}
	return Write(p.dir, p.name, p.key, start, entries)
}

// Write writes the pack name of dir (Path) of entries, key and start (the time the run began,
// before it read any stat), atomically: a temporary file beside it, then a rename, so that a
// reader, or another run writing the same pack, sees one whole pack or the other. It then
// bounds the folder (MaxFolderSize). The folder is made if it is missing.
//
// The pack is not synced to disk: after a crash a torn pack fails its checksums and is
// rebuilt, and a sync would cost more than a cold run's write.
//
// The pack takes the place of its side pack too, which it removes.
func Write(dir, name string, key [sha256.Size]byte, start time.Time, entries []Named) error {
	if err := write(dir, name, key, start, entries); err != nil {
		return err
	}
	if err := os.Remove(Path(dir, name+sideSuffix)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// write writes the pack file name of dir, as Write says.
func write(dir, name string, key [sha256.Size]byte, start time.Time, entries []Named) (err error) {
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
