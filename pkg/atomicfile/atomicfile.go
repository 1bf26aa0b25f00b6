// Package atomicfile replaces a file's content so that a reader, or a crash, sees either the
// old file or the new one, never a part of either.
package atomicfile

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
)

// beforeRename runs after the new content is on disk and before it takes the file's place.
// Tests set it to fail there, as a crash or a full disk would.
var beforeRename = func(tmp string) error { return nil }

// Write replaces path with data: it writes a temporary file in the same directory, syncs it,
// gives it path's permissions (perm for a new file) and renames it over path, then syncs the
// directory. On any error path is left as it was and the temporary file is removed.
func Write(path string, data []byte, perm fs.FileMode) error {
	if st, err := os.Stat(path); err == nil {
		if !st.Mode().IsRegular() {
			return &fs.PathError{Op: "write", Path: path, Err: errors.New("not a regular file")}
		}
		perm = st.Mode().Perm()
	}
	return place(path, data, perm, os.Rename)
}

// Create writes a new file at path with data, atomically, and fails with fs.ErrExist when
// path exists: the content is complete before the name appears, and nothing is overwritten.
func Create(path string, data []byte, perm fs.FileMode) error {
	// A hard link, unlike a rename, refuses to replace an existing name.
	return place(path, data, perm, os.Link)
}

// place writes data to a synced temporary file next to path and puts it in place with put.
func place(path string, data []byte, perm fs.FileMode, put func(tmp, path string) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return err
	}
	defer func() {
		tmp.Close()
		// After a rename the temporary name is gone already; after a link it is a second name.
		if rmErr := os.Remove(tmp.Name()); rmErr != nil && !errors.Is(rmErr, fs.ErrNotExist) && err == nil {
			err = rmErr
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Chmod(perm); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = beforeRename(tmp.Name()); err != nil {
		return err
	}
	if err = put(tmp.Name(), path); err != nil {
		return err
	}
	syncDir(dir)
	return nil
}

// syncDir makes the rename durable. Its error is ignored: the rename has happened, and some
// file systems cannot sync a directory at all.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
