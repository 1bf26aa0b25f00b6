// Package gitfs reads a folder of a git repository as it was at a revision, straight from the
// object database through the git command: the working tree and the index are never touched,
// so it is safe to run in the middle of someone's work.
package gitfs

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os/exec"
	"path"
	"strconv"
	"strings"
	"testing/fstest"

	"github.com/budget-ledger/budget/pkg/msg"
)

// Repo is a git work tree.
type Repo struct {
	// Top is the work tree's top folder.
	Top string
}

// Open finds the repository that holds dir.
func Open(dir string) (*Repo, error) {
	out, err := git(dir, nil, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, err
	}
	return &Repo{Top: strings.TrimSpace(string(out))}, nil
}

// Commit resolves a revision (a branch, tag, HEAD~2, an id) to a commit id.
func (r *Repo) Commit(rev string) (string, error) {
	if strings.HasPrefix(rev, "-") {
		return "", msg.Errorf("%q is not a revision", rev)
	}
	out, err := git(r.Top, nil, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return "", msg.Errorf("unknown revision %q", rev)
	}
	return strings.TrimSpace(string(out)), nil
}

// MergeBase is the best common ancestor of two commits, as A...B means to git.
func (r *Repo) MergeBase(a, b string) (string, error) {
	out, err := git(r.Top, nil, "merge-base", a, b)
	if err != nil {
		return "", msg.Errorf("no common ancestor of %s and %s", a, b)
	}
	return strings.TrimSpace(string(out)), nil
}

// FS returns the files below dir (relative to the top, slash-separated) at commit, or
// fs.ErrNotExist when git has nothing at dir there. Symbolic links
// come back as links (their target as content), as the working tree would show them, so that
// the ledger refuses them the same way. A dir that git holds as something other than a folder,
// and a submodule below it, are a *NotFolderError: a submodule's files are in another
// repository, and an empty ledger in their place would show everything as added.
func (r *Repo) FS(commit, dir string) (fs.FS, error) {
	dir = strings.Trim(path.Clean(dir), "/")
	spec := commit
	if dir != "." && dir != "" {
		if err := r.folder(commit, dir); err != nil {
			return nil, err
		}
		spec = commit + ":" + dir
	}
	list, err := git(r.Top, nil, "ls-tree", "-r", "-z", "--full-tree", spec)
	if err != nil {
		return nil, err
	}
	type object struct{ mode, id, name string }
	var objs []object
	for _, rec := range bytes.Split(list, []byte{0}) {
		if len(rec) == 0 {
			continue
		}
		e, ok := parseEntry(rec)
		switch {
		case !ok:
			return nil, msg.Errorf("unexpected answer from git ls-tree: %q", rec)
		case e.typ == "commit":
			return nil, &NotFolderError{Commit: commit, Path: path.Join(dir, e.name), Mode: e.mode, ID: e.id}
		case e.typ == "blob":
			objs = append(objs, object{mode: e.mode, id: e.id, name: e.name})
		}
	}
	var ids bytes.Buffer
	for _, o := range objs {
		ids.WriteString(o.id + "\n")
	}
	blobs, err := git(r.Top, &ids, "cat-file", "--batch")
	if err != nil {
		return nil, err
	}
	// fstest.MapFS is the standard library's in-memory file system: small, and it reports
	// symbolic links as links, which is all the ledger needs of a revision.
	m := fstest.MapFS{}
	rd := bufio.NewReader(bytes.NewReader(blobs))
	for _, o := range objs {
		data, err := readBlob(rd, o.id)
		if err != nil {
			return nil, msg.Errorf("reading %s at %s: %w", o.name, short(commit), err)
		}
		f := &fstest.MapFile{Data: data, Mode: 0o644}
		if o.mode == "120000" {
			f.Mode = fs.ModeSymlink | 0o777
		}
		m[o.name] = f
	}
	return m, nil
}

// NotFolderError is FS's error for a path that git holds as something other than a folder,
// where the ledger needs one: a submodule, a symbolic link or a file.
type NotFolderError struct {
	Commit string
	// Path is relative to the top of the work tree, slash-separated.
	Path string
	// Mode and ID are git's: 160000 and the commit of a submodule, 120000 for a link.
	Mode, ID string
}

func (e *NotFolderError) Error() string { return e.text().String() }

// In words the error in l.
func (e *NotFolderError) In(l msg.Lang) string { return e.text().In(l) }

func (e *NotFolderError) text() msg.Text {
	return msg.Newf("%s at %s is %s", e.Path, short(e.Commit), e.What())
}

// What says what git holds at the path: "a git submodule (commit 1a2b3c4)", "a symbolic link"
// or "a file".
func (e *NotFolderError) What() msg.Text {
	switch e.Mode {
	case "160000":
		return msg.Newf("a git submodule (commit %s)", short(e.ID))
	case "120000":
		return msg.Newf("a symbolic link")
	}
	return msg.Newf("a file")
}

// folder checks that dir is a folder at commit. Where git has nothing at dir, a folder above it
// may be a submodule, a link or a file, below which git looks no further: the first such is the
// error; with none, dir does not exist there.
func (r *Repo) folder(commit, dir string) error {
	e, err := r.entry(commit, dir)
	if err == nil && e == nil {
		parts := strings.Split(dir, "/")
		for i := 1; i < len(parts) && e == nil && err == nil; i++ {
			if e, err = r.entry(commit, strings.Join(parts[:i], "/")); e != nil && e.typ == "tree" {
				e = nil
			}
		}
		if err == nil && e == nil {
			return msg.Errorf("%s at %s: %w", dir, short(commit), fs.ErrNotExist)
		}
	}
	if err != nil {
		return err
	}
	if e.typ != "tree" {
		return &NotFolderError{Commit: commit, Path: e.name, Mode: e.mode, ID: e.id}
	}
	return nil
}

// entry is what git holds at p (relative to the top) at commit, or nil when it holds nothing.
func (r *Repo) entry(commit, p string) (*treeEntry, error) {
	out, err := git(r.Top, nil, "--literal-pathspecs", "ls-tree", "-z", "--full-tree", commit, "--", p)
	if err != nil {
		return nil, err
	}
	for _, rec := range bytes.Split(out, []byte{0}) {
		if e, ok := parseEntry(rec); ok && e.name == p {
			return &e, nil
		}
	}
	return nil, nil
}

// treeEntry is one line of git ls-tree: "<mode> <type> <id>\t<name>".
type treeEntry struct{ mode, typ, id, name string }

func parseEntry(rec []byte) (treeEntry, bool) {
	meta, name, ok := bytes.Cut(rec, []byte{'\t'})
	f := strings.Fields(string(meta))
	if !ok || len(f) != 3 {
		return treeEntry{}, false
	}
	return treeEntry{mode: f[0], typ: f[1], id: f[2], name: string(name)}, true
}

// readBlob reads one answer of git cat-file --batch: "<id> blob <size>\n<content>\n".
func readBlob(rd *bufio.Reader, id string) ([]byte, error) {
	header, err := rd.ReadString('\n')
	if err != nil {
		return nil, err
	}
	f := strings.Fields(header)
	if len(f) != 3 || f[0] != id || f[1] != "blob" {
		return nil, msg.Errorf("unexpected answer from git cat-file: %q", strings.TrimSpace(header))
	}
	size, err := strconv.Atoi(f[2])
	if err != nil {
		return nil, err
	}
	data := make([]byte, size+1)
	if _, err := io.ReadFull(rd, data); err != nil {
		return nil, err
	}
	return data[:size], nil
}

func short(commit string) string { return commit[:min(len(commit), 7)] }

// git runs a git command in dir and returns its output; its error names git's own message.
func git(dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			if msg := strings.TrimSpace(stderr.String()); msg != "" {
				return nil, errors.New(strings.TrimPrefix(msg, "fatal: "))
			}
		}
		if errors.Is(err, exec.ErrNotFound) {
			return nil, msg.Errorf("budget diff needs git, and git is not installed")
		}
		return nil, err
	}
	return out, nil
}
