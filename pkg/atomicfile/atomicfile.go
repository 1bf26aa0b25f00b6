// Package atomicfile replaces a file's content so that a reader, or a crash, sees either the
// old file or the new one, never a part of either.
//
// Every operation works within an *os.Root: the operating system refuses a name that leads out
// of it (a "..", an absolute path, a symbolic link pointing outside), so a name built from data
// cannot steer a write elsewhere. Write and Create open a root at the file's own folder.
//
// The new content is first written to a temporary file beside the target, named
// ".NAME.tmp-DIGITS" (see Leftover), synced, then renamed over the target (or linked to a new
// name). A process killed in between leaves that temporary file behind and the target as it
// was; Leftover recognises such files so that a later run can report or remove them.
package atomicfile

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// beforeRename runs after the new content is on disk and before it takes the file's place, with
// the temporary file's path. Tests set it to fail there, as a crash or a full disk would.
var beforeRename = func(tmp string) error { return nil }

// Write replaces path with data: it writes a temporary file in the same directory, syncs it,
// gives it path's permissions (perm for a new file) and renames it over path, then syncs the
// directory. On any error path is left as it was and the temporary file is removed. A symbolic
// link at path is replaced by the file, as a rename does, with the permissions of the file it
// pointed to.
func Write(path string, data []byte, perm fs.FileMode) error {
	if st, err := os.Stat(path); err == nil {
		if !st.Mode().IsRegular() {
			return &fs.PathError{Op: "write", Path: path, Err: errNotRegular}
		}
		perm = st.Mode().Perm()
	}
	return inFolder(path, "write", func(root *os.Root, base string) error {
		return place(root, base, data, perm, true)
	})
}

// Create writes a new file at path with data, atomically, and fails with fs.ErrExist when
// path exists: the content is complete before the name appears, and nothing is overwritten.
func Create(path string, data []byte, perm fs.FileMode) error {
	return inFolder(path, "create", func(root *os.Root, base string) error {
		return place(root, base, data, perm, false)
	})
}

// WriteIn replaces the file name of root with data, as Write does, within root. name is
// relative to root; a name that leads out of root is refused by the operating system, and so is
// a symbolic link at name, which the rename would replace.
func WriteIn(root *os.Root, name string, data []byte, perm fs.FileMode) error {
	p, err := Prepare(root, name, data, perm)
	if err != nil {
		return err
	}
	return p.Commit()
}

// CreateIn writes a new file name of root with data, as Create does, within root.
func CreateIn(root *os.Root, name string, data []byte, perm fs.FileMode) error {
	return pathError("create", name, place(root, name, data, perm, false))
}

// Pending is the new content of a file, written and synced under a temporary name beside it,
// not yet in its place. Commit puts it there; Abort removes it. A caller that replaces several
// files prepares all of them before committing any, so that a folder it may not write, or a
// full disk, stops it before the first file changes.
type Pending struct {
	root      *os.Root
	name, tmp string
}

// Prepare writes the new content of the file name of root as Write does, up to the rename: the
// temporary file is complete, synced and has name's permissions (perm for a new file). It
// fails, leaving nothing behind, where name is not a regular file or its folder cannot be
// written. Errors name name, never the temporary file.
func Prepare(root *os.Root, name string, data []byte, perm fs.FileMode) (*Pending, error) {
	if st, err := root.Lstat(name); err == nil {
		if !st.Mode().IsRegular() {
			return nil, &fs.PathError{Op: "write", Path: name, Err: errNotRegular}
		}
		perm = st.Mode().Perm()
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, pathError("write", name, err)
	}
	tmp, err := writeTemp(root, name, data, perm)
	if err != nil {
		return nil, pathError("write", name, err)
	}
	return &Pending{root: root, name: name, tmp: tmp}, nil
}

// Name is the file the content is for, as given to Prepare.
func (p *Pending) Name() string { return p.name }

// Commit renames the temporary file over the file and syncs the folder. On error the file is
// as it was and the temporary file is removed.
func (p *Pending) Commit() error {
	err := beforeRename(filepath.Join(p.root.Name(), p.tmp))
	if err == nil {
		err = p.root.Rename(p.tmp, p.name)
	}
	if err != nil {
		_ = p.root.Remove(p.tmp)
		return pathError("write", p.name, err)
	}
	syncDir(p.root, filepath.Dir(p.name))
	return nil
}

// Abort removes the temporary file; the file itself was never touched.
func (p *Pending) Abort() {
	_ = p.root.Remove(p.tmp)
}

// Leftover tells whether name (a file's base name) is a temporary file of this package, and
// names the file it was for: ".01-a.yaml.tmp-123" is one for "01-a.yaml". Such a file outlives
// its run only when the process was killed between writing it and renaming it.
func Leftover(name string) (target string, ok bool) {
	rest, found := strings.CutPrefix(name, ".")
	if !found {
		return "", false
	}
	i := strings.LastIndex(rest, tempInfix)
	if i <= 0 {
		return "", false
	}
	digits := rest[i+len(tempInfix):]
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return "", false
	}
	return rest[:i], true
}

// tempInfix separates a temporary file's target from its random digits.
const tempInfix = ".tmp-"

var errNotRegular = errors.New("not a regular file")

// inFolder opens a root at path's folder and runs f on path's base name within it; errors
// name path.
func inFolder(path, op string, f func(root *os.Root, base string) error) error {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return pathError(op, path, err)
	}
	defer root.Close()
	return pathError(op, path, f(root, base))
}

// place writes data to a synced temporary file next to name and puts it in place: renamed over
// name when replace is set, otherwise linked to name, which refuses an existing name.
func place(root *os.Root, name string, data []byte, perm fs.FileMode, replace bool) error {
	tmp, err := writeTemp(root, name, data, perm)
	if err != nil {
		return err
	}
	if err = beforeRename(filepath.Join(root.Name(), tmp)); err == nil {
		if replace {
			err = root.Rename(tmp, name)
		} else {
			err = root.Link(tmp, name)
		}
	}
	// After a rename the temporary name is gone already; after a link it is a second name.
	if rmErr := root.Remove(tmp); rmErr != nil && !errors.Is(rmErr, fs.ErrNotExist) && err == nil {
		err = rmErr
	}
	if err != nil {
		return err
	}
	syncDir(root, filepath.Dir(name))
	return nil
}

// writeTemp writes data to a new temporary file beside name, with perm, synced and closed, and
// returns its name; on error nothing is left behind.
func writeTemp(root *os.Root, name string, data []byte, perm fs.FileMode) (tmp string, err error) {
	dir, base := filepath.Split(name)
	var f *os.File
	for range 10000 {
		tmp = dir + "." + base + tempInfix + strconv.FormatUint(uint64(rand.Uint32()), 10)
		f, err = root.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if !errors.Is(err, fs.ErrExist) {
			break
		}
	}
	if err != nil {
		return "", err
	}
	defer func() {
		if cerr := f.Close(); cerr != nil && err == nil {
			err = cerr
		}
		if err != nil {
			_ = root.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return tmp, err
	}
	if err = f.Chmod(perm); err != nil {
		return tmp, err
	}
	return tmp, f.Sync()
}

// pathError names the target in an error from the operating system, which names the
// temporary file or a root-relative name: a user only knows the target.
func pathError(op, name string, err error) error {
	if err == nil {
		return nil
	}
	var pe *fs.PathError
	var le *os.LinkError
	switch {
	case errors.As(err, &pe):
		if pe.Path == name && pe.Op == op {
			return pe
		}
		err = pe.Err
	case errors.As(err, &le):
		err = le.Err
	}
	return &fs.PathError{Op: op, Path: name, Err: err}
}

// syncDir makes the rename durable. Its error is ignored: the rename has happened, and some
// file systems cannot sync a directory at all.
func syncDir(root *os.Root, dir string) {
	if d, err := root.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
