// Package gitfs reads a folder of a git repository as it was at a revision, straight from the
// object database through the git command: the working tree and the index are never touched,
// so it is safe to run in the middle of someone's work.
package gitfs

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os/exec"
	"path"
	"strconv"
	"strings"
	"testing/fstest"
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
		return "", fmt.Errorf("%q is not a revision", rev)
	}
	out, err := git(r.Top, nil, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return "", fmt.Errorf("unknown revision %q", rev)
	}
	return strings.TrimSpace(string(out)), nil
}

// MergeBase is the best common ancestor of two commits, as A...B means to git.
func (r *Repo) MergeBase(a, b string) (string, error) {
	out, err := git(r.Top, nil, "merge-base", a, b)
	if err != nil {
		return "", fmt.Errorf("no common ancestor of %s and %s", a, b)
	}
	return strings.TrimSpace(string(out)), nil
}

// FS returns the files below dir (relative to the top, slash-separated) at commit, or
// fs.ErrNotExist when dir is not a folder there. Symbolic links come back as links (their
// target as content), as the working tree would show them, so that the ledger refuses them
// the same way.
func (r *Repo) FS(commit, dir string) (fs.FS, error) {
	dir = strings.Trim(path.Clean(dir), "/")
	spec := commit
	if dir != "." && dir != "" {
		spec = commit + ":" + dir
	}
	if out, err := git(r.Top, nil, "cat-file", "-t", spec); err != nil || strings.TrimSpace(string(out)) != "tree" {
		return nil, fmt.Errorf("%s at %s: %w", dir, short(commit), fs.ErrNotExist)
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
		meta, name, ok := bytes.Cut(rec, []byte{'\t'})
		f := strings.Fields(string(meta))
		if !ok || len(f) != 3 || f[1] != "blob" {
			continue // submodules (commit entries) hold no ledger files
		}
		objs = append(objs, object{mode: f[0], id: f[2], name: string(name)})
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
			return nil, fmt.Errorf("reading %s at %s: %w", o.name, short(commit), err)
		}
		f := &fstest.MapFile{Data: data, Mode: 0o644}
		if o.mode == "120000" {
			f.Mode = fs.ModeSymlink | 0o777
		}
		m[o.name] = f
	}
	return m, nil
}

// readBlob reads one answer of git cat-file --batch: "<id> blob <size>\n<content>\n".
func readBlob(rd *bufio.Reader, id string) ([]byte, error) {
	header, err := rd.ReadString('\n')
	if err != nil {
		return nil, err
	}
	f := strings.Fields(header)
	if len(f) != 3 || f[0] != id || f[1] != "blob" {
		return nil, fmt.Errorf("unexpected answer from git cat-file: %q", strings.TrimSpace(header))
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
			return nil, errors.New("budget diff needs git, and git is not installed")
		}
		return nil, err
	}
	return out, nil
}
