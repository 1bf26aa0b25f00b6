package lsp

import (
	"bytes"
	"io/fs"
	"time"
)

// overlay is the ledger's folder with the open buffers' unsaved text in place of their files:
// what the loader reads. A buffer of a file not yet on disk is read too, but only a walk of the
// folder (on save) finds it, as it finds any new file.
type overlay struct {
	base fs.FS
	over map[string][]byte
}

// set takes the open documents' text, as of now.
func (o *overlay) set(docs map[string]*document) {
	o.over = make(map[string][]byte, len(docs))
	for rel, d := range docs {
		o.over[rel] = d.t.src
	}
}

// Open opens the buffer's text where rel is open, else the file.
func (o *overlay) Open(name string) (fs.File, error) {
	if src, ok := o.over[name]; ok {
		return &memFile{Reader: bytes.NewReader(src), name: name, size: int64(len(src))}, nil
	}
	return o.base.Open(name)
}

// ReadDir lists the folder on disk: the walk sees the files as they are there.
func (o *overlay) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(o.base, name) }

// memFile is an open buffer read as a file.
type memFile struct {
	*bytes.Reader
	name string
	size int64
}

func (f *memFile) Stat() (fs.FileInfo, error) { return memInfo{f}, nil }
func (f *memFile) Close() error               { return nil }

type memInfo struct{ f *memFile }

func (i memInfo) Name() string       { return i.f.name }
func (i memInfo) Size() int64        { return i.f.size }
func (i memInfo) Mode() fs.FileMode  { return 0o444 }
func (i memInfo) ModTime() time.Time { return time.Time{} }
func (i memInfo) IsDir() bool        { return false }
func (i memInfo) Sys() any           { return nil }
