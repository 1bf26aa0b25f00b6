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
// was; Leftover recognises such files so that a later run can report or remove them. Check
// tells beforehand whether a file can be written, for a caller that replaces several.
package atomicfile

import (
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/budget-ledger/budget/pkg/msg"
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
// a symbolic link at name, which the rename would replace. Errors name name, never the
// temporary file.
func WriteIn(root *os.Root, name string, data []byte, perm fs.FileMode) error {
	perm, err := targetPerm(root, name, perm)
	if err == nil {
		err = place(root, name, data, perm, true)
	}
	return pathError("write", name, err)
}

// CreateIn writes a new file name of root with data, as Create does, within root.
func CreateIn(root *os.Root, name string, data []byte, perm fs.FileMode) error {
	return pathError("create", name, place(root, name, data, perm, false))
}

// Check tells whether WriteIn could replace name, short of a full disk: name is a regular file
// (or does not exist) within root, and a temporary file for it can be made beside it (and is
// removed again). A caller that replaces several files checks them all before it writes any,
// so that a folder it may not write, or a name too long for its temporary file, stops it before
// the first file changes. Errors name name.
func Check(root *os.Root, name string) error {
	if _, err := targetPerm(root, name, 0o600); err != nil {
		return pathError("write", name, err)
	}
	f, tmp, err := createTemp(root, name)
	if err != nil {
		return pathError("write", name, err)
	}
	f.Close()
	return pathError("write", name, root.Remove(tmp))
}

// targetPerm is the permissions of the file name of root, or perm where there is none yet; it
// fails where name is not a regular file.
func targetPerm(root *os.Root, name string, perm fs.FileMode) (fs.FileMode, error) {
	st, err := root.Lstat(name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return perm, nil
	case err != nil:
		return 0, err
	case !st.Mode().IsRegular():
		return 0, errNotRegular
	}
	return st.Mode().Perm(), nil
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

var errNotRegular = msg.Errorf("not a regular file")

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
	f, tmp, err := createTemp(root, name)
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

// createTemp makes a new, empty temporary file beside name: ".NAME.tmp-DIGITS".
func createTemp(root *os.Root, name string) (*os.File, string, error) {
	dir, base := filepath.Split(name)
	for range 10000 {
		tmp := dir + "." + base + tempInfix + strconv.FormatUint(uint64(rand.Uint32()), 10)
		f, err := root.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
		if !errors.Is(err, fs.ErrExist) {
			return f, tmp, err
		}
	}
	return nil, "", fs.ErrExist
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
