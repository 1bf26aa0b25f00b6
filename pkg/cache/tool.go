package cache

import (
	"crypto/sha256"
	"debug/elf"
	"encoding/hex"
	"io"
	"os"
	"sync"
)

// Tool names the code of the running program, for a pack's key: a pack written by another build
// is ignored. It is the executable's Go build ID, which the go command derives from the
// binary's own content, so that two builds of different code (a dirty tree, a test binary, a
// build without version control) never share one, where debug.ReadBuildInfo's vcs.modified would
// call two different dirty builds the same. Where the executable has no ELF build ID note (a
// build with -buildid= or another format than ELF), it is the sha256 of the executable's
// content, read once a run; "" where the executable cannot be read, and then nothing is cached.
var Tool = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if id := elfBuildID(exe); id != "" {
		return "go-buildid:" + id
	}
	f, err := os.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return ""
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
})

// elfBuildID reads the Go build ID note of an ELF executable ("" where there is none).
func elfBuildID(exe string) string {
	f, err := elf.Open(exe)
	if err != nil {
		return ""
	}
	defer f.Close()
	s := f.Section(".note.go.buildid")
	if s == nil {
		return ""
	}
	data, err := s.Data()
	// A note: name size, description size, type (4 bytes each), "Go\x00\x00", the ID.
	if err != nil || len(data) < 16 || string(data[12:16]) != "Go\x00\x00" {
		return ""
	}
	n := int(f.ByteOrder.Uint32(data[4:]))
	if n <= 0 || 16+n > len(data) {
		return ""
	}
	return string(data[16 : 16+n])
}
