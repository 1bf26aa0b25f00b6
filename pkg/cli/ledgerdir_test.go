package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFindBelow: the walk below a start folder finds the folders that hold catalog.yaml within
// its bounds, passing over hidden folders, links and a ledger's own subfolders.
func TestFindBelow(t *testing.T) {
	tests := []struct {
		name        string
		folders     []string // each gets a catalog.yaml where it ends in /L
		links       map[string]string
		depth, most int
		want        []string
		capped      bool
	}{
		{name: "one ledger at depth 2", folders: []string{"repo/proposals/L", "repo/docs"}, depth: 3, most: 100, want: []string{"repo/proposals"}},
		{name: "shallower first, then by name", folders: []string{"b/L", "a/x/L", "c/L"}, depth: 3, most: 100, want: []string{"b", "c", "a/x"}},
		{name: "not below its depth", folders: []string{"a/b/c/d/L"}, depth: 3, most: 100},
		{name: "at its depth", folders: []string{"a/b/c/L"}, depth: 3, most: 100, want: []string{"a/b/c"}},
		{name: "not in a hidden folder", folders: []string{".git/L", "a/.cache/L"}, depth: 3, most: 100},
		{name: "not in a ledger's subfolder", folders: []string{"a/L", "a/b/L"}, depth: 3, most: 100, want: []string{"a"}},
		{name: "not through a link", folders: []string{"real/L"}, links: map[string]string{"link": "real"}, depth: 3, most: 100, want: []string{"real"}},
		{name: "not a catalog that is a folder", folders: []string{"a/catalog.yaml/x"}, depth: 3, most: 100},
		// Listing the start, a, b and c is four folders: c/L is never listed.
		{name: "within the folders it lists", folders: []string{"a", "b", "c/L"}, depth: 3, most: 3, capped: true},
		{name: "up to the folders it lists", folders: []string{"a", "b", "c/L"}, depth: 3, most: 4, want: []string{"c"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for _, f := range tt.folders {
				p := filepath.Join(dir, filepath.FromSlash(strings.TrimSuffix(f, "/L")))
				if err := os.MkdirAll(p, 0o755); err != nil {
					t.Fatal(err)
				}
				if strings.HasSuffix(f, "/L") {
					if err := os.WriteFile(filepath.Join(p, "catalog.yaml"), nil, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			for name, target := range tt.links {
				if err := os.Symlink(filepath.Join(dir, target), filepath.Join(dir, name)); err != nil {
					t.Fatal(err)
				}
			}
			found, capped := findBelow(dir, tt.depth, tt.most)
			var got []string
			for _, f := range found {
				rel, _ := filepath.Rel(dir, f)
				got = append(got, filepath.ToSlash(rel))
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") || capped != tt.capped {
				t.Errorf("findBelow = %q, capped %v; want %q, capped %v", got, capped, tt.want, tt.capped)
			}
		})
	}
}

// TestLedgerNotFoundAfterTheBound: a search that stopped at its bound says so.
func TestLedgerNotFoundAfterTheBound(t *testing.T) {
	err := ledgerSearch{start: "home", up: true}.notFound(true)
	want := "no ledger found: looked for a folder holding catalog.yaml at home and home/proposals, below home to depth 3 (the search stopped after 1000 folders), and at each of its parents up to / and their proposals/: give the ledger's folder with --dir"
	if err.Error() != want {
		t.Errorf("got  %s\nwant %s", err, want)
	}
	err = ledgerSearch{start: "old"}.notFound(false)
	want = "no ledger found: looked for a folder holding catalog.yaml at old and old/proposals, and below old to depth 3"
	if err.Error() != want {
		t.Errorf("got  %s\nwant %s", err, want)
	}
}

// TestFindLedgerOfBudgetFolders: a folder of budget folders (2025/catalog.yaml) is a ledger,
// found as the start folder, as its proposals/ and below --dir; a parent's own year-named
// folder does not make the parent one (/tmp/2026 would make /tmp a ledger of every folder below).
func TestFindLedgerOfBudgetFolders(t *testing.T) {
	top := t.TempDir()
	for _, f := range []string{"repo/proposals/2025", "repo/proposals/2026", "parent/2026", "parent/work/x"} {
		if err := os.MkdirAll(filepath.Join(top, f), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"repo/proposals/2025", "repo/proposals/2026", "parent/2026"} {
		if err := os.WriteFile(filepath.Join(top, f, "catalog.yaml"), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	tests := []struct {
		cwd, dir string
		want     string // "" for not found
	}{
		{cwd: "repo", want: "proposals"},
		{cwd: "repo/proposals", want: "."},
		{cwd: ".", dir: "repo", want: "repo/proposals"},
		{cwd: "repo/proposals/2026", want: "."}, // a budget folder alone is a one-catalog ledger
		{cwd: "parent/work/x"},
	}
	for _, tt := range tests {
		t.Run(tt.cwd+" "+tt.dir, func(t *testing.T) {
			t.Chdir(filepath.Join(top, tt.cwd))
			_, name, err := findLedger(tt.dir, true)
			switch {
			case tt.want == "" && err == nil:
				t.Errorf("found %s, want none", name)
			case tt.want != "" && (err != nil || name != tt.want):
				t.Errorf("found %q (%v), want %q", name, err, tt.want)
			}
		})
	}
}
