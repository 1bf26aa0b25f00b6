package cli

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/budget-ledger/budget/pkg/render"
)

// A format that is a folder of files (fdp) is written whole or not at all: every file into a
// new temporary folder beside the target (".NAME.tmp-DIGITS"), each synced, then the folder
// renamed into place. The target may be missing, an empty folder, or a package that budget
// wrote before (its files and nothing else, its datapackage.json a fiscal-data-package); the
// last two are moved aside (".NAME.old-DIGITS") just before the rename and removed after it, and
// moved back should the rename fail. Any other folder, or a file, is refused before the work,
// since a tool that replaces a folder must not delete what it did not make.

// beforeFolderRename runs when the new folder is complete, just before it takes the target's
// place (the old one moved aside). Tests set it to fail there, as a full disk or a crash would.
var beforeFolderRename = func(tmp string) error { return nil }

// fdpFiles are the names a Fiscal Data Package of budget's holds.
var fdpFiles = []string{"datapackage.json", "table2.csv"}

// checkOutputFolder refuses, before any work, a folder that cannot take a package: standard
// output, a file, a folder in a missing folder, or a folder budget did not write.
func checkOutputFolder(name, format string) error {
	if name == "-" || name == "" {
		return usagef("--format %s writes a folder of files: give it with -o DIR", format)
	}
	if b := filepath.Base(filepath.Clean(name)); b == "." || b == ".." || b == string(filepath.Separator) {
		return usagef("output %s: give the package's own folder, which budget renames into place, e.g. -o %s", name, filepath.Join(name, "fdp"))
	}
	st, err := os.Lstat(name)
	switch {
	case err == nil && !st.IsDir():
		return usagef("output %s is not a folder: --format %s writes a folder of files; give a new folder's name", name, format)
	case err == nil:
		entries, err := os.ReadDir(name)
		if err != nil {
			return usagef("cannot read %s: %v", name, unwrapPathCause(err))
		}
		if len(entries) > 0 && !isPreviousPackage(name, entries) {
			return usagef("output %s is a folder that holds other files than a package of budget's (%s): give a new or empty folder", name, entries[0].Name())
		}
	case !errors.Is(err, fs.ErrNotExist):
		return usagef("cannot write %s: %v", name, unwrapPathCause(err))
	}
	if dir := filepath.Dir(filepath.Clean(name)); !isFolder(dir) {
		return usagef("output %s: the folder %s does not exist", name, dir)
	}
	return nil
}

func isFolder(name string) bool {
	st, err := os.Stat(name)
	return err == nil && st.IsDir()
}

// isPreviousPackage tells whether the folder's entries are a package budget wrote: regular
// files of fdpFiles, a datapackage.json among them whose profile is fiscal-data-package.
func isPreviousPackage(dir string, entries []os.DirEntry) bool {
	for _, e := range entries {
		if !e.Type().IsRegular() || !slices.Contains(fdpFiles, e.Name()) {
			return false
		}
	}
	data, err := os.ReadFile(filepath.Join(dir, "datapackage.json"))
	if err != nil {
		return false
	}
	var desc struct {
		Profile string `json:"profile"`
	}
	return json.Unmarshal(data, &desc) == nil && desc.Profile == "fiscal-data-package"
}

// writeFolder writes files as the folder name, whole or not at all (see above); checkOutputFolder
// has accepted name.
func writeFolder(name string, files []render.FiscalFile) error {
	if err := placeFolder(name, files); err != nil {
		return usagef("cannot write %s: %v", name, unwrapPathCause(err))
	}
	return nil
}

func placeFolder(name string, files []render.FiscalFile) (err error) {
	name = filepath.Clean(name)
	parent, base := filepath.Dir(name), filepath.Base(name)
	tmp, err := os.MkdirTemp(parent, "."+base+".tmp-")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = os.RemoveAll(tmp)
		}
	}()
	root, err := os.OpenRoot(tmp)
	if err != nil {
		return err
	}
	defer root.Close()
	for _, f := range files {
		if err := writeSynced(root, f.Name, f.Data); err != nil {
			return err
		}
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	if err := syncFolder(tmp); err != nil {
		return err
	}
	old := ""
	if _, err := os.Lstat(name); err == nil {
		// An empty folder or a package of budget's (checkOutputFolder): moved aside to a fresh
		// name (made, then freed, since a rename does not replace a folder), then removed.
		if old, err = os.MkdirTemp(parent, "."+base+".old-"); err != nil {
			return err
		}
		if err := os.Remove(old); err != nil {
			return err
		}
		if err := os.Rename(name, old); err != nil {
			return err
		}
	}
	if err := beforeFolderRename(tmp); err != nil {
		if old != "" {
			_ = os.Rename(old, name)
		}
		return err
	}
	if err := os.Rename(tmp, name); err != nil {
		if old != "" {
			_ = os.Rename(old, name)
		}
		return err
	}
	if old != "" {
		_ = os.RemoveAll(old)
	}
	_ = syncFolder(parent)
	return nil
}

func writeSynced(root *os.Root, name string, data []byte) error {
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncFolder(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
