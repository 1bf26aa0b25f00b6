package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/budget-ledger/budget/pkg/cli"
	"github.com/budget-ledger/budget/pkg/proposal"
	"github.com/rogpeppe/go-internal/testscript"
	"github.com/rogpeppe/go-internal/txtar"
)

func TestMain(m *testing.M) {
	// BUDGET_TEST_POISON=1 (make test runs these tests with it too) writes garbage over the nodes
	// the loader gives back, in this process and in each scenario's budget, so that a use of a
	// node after its Release fails a scenario (proposal.PoisonReleased).
	proposal.PoisonFromEnv()
	if os.Getenv("BUDGET_TEST_MAIN") == "1" { // TestInitCost runs the binary as budget
		os.Exit(cli.Main(os.Args[1:], cli.Streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}))
	}
	testscript.Main(cacheDirM{m}, map[string]func(){
		"budget": func() {
			os.Exit(cli.Main(os.Args[1:], cli.Streams{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}))
		},
	})
}

// TestScripts runs the end-to-end scenarios in testdata/script, one topic a file. Each starts in
// an empty $WORK holding only its own archive's files; $REPO is the repository root, for
// scenarios over the bundled proposals/. Scenarios call the binary as exec budget
// (RequireExplicitExec), and an archive may not name a file twice (RequireUniqueNames).
//
// The command fixture NAME unpacks testdata/NAME.txtar into the current folder, so that the line
// at a scenario's top says where its numbers come from: fixture ledger puts down the small ledger
// of testdata/ledger.txtar (proposals/ with two committees, three proposals and a catalog whose
// tables add up). It refuses to write over a file that is already there, the scenario's own
// included: a scenario changes a fixture file by copying its own version over it afterwards.
//
// Each scenario's cache of per-file results is a folder of its own outside $WORK
// (BUDGET_CACHE_DIR), so that no scenario writes to the user's cache folder, and one command's
// results are the next one's cache.
func TestScripts(t *testing.T) {
	testscript.Run(t, scriptParams(t, t.TempDir(), ""))
}

// TestScriptsWarm runs every scenario twice in the same $WORK path, with the same cache folder:
// the second pass finds every file of the first in its cache (by content: the files are written
// anew), so that every scenario holds its output to be the same whether its files come from the
// cache or not. BUDGET_WARM=0 skips it.
func TestScriptsWarm(t *testing.T) {
	if os.Getenv("BUDGET_WARM") == "0" {
		t.Skip("BUDGET_WARM=0")
	}
	caches, work := t.TempDir(), t.TempDir()
	for _, pass := range []string{"cold", "warm"} {
		// testscript leaves the $WORK folders under a WorkdirRoot of the caller's.
		if err := os.RemoveAll(work); err != nil {
			t.Fatal(err)
		}
		if err := os.Mkdir(work, 0o755); err != nil {
			t.Fatal(err)
		}
		t.Run(pass, func(t *testing.T) { testscript.Run(t, scriptParams(t, caches, work)) })
	}
}

// cacheDirM runs the tests with BUDGET_CACHE_DIR at a folder of their own, for the tests that
// run budget in this process; a scenario's budget gets its own (scriptParams).
type cacheDirM struct{ m *testing.M }

func (c cacheDirM) Run() int {
	dir, err := os.MkdirTemp("", "budget-test-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	defer os.RemoveAll(dir)
	os.Setenv("BUDGET_CACHE_DIR", dir)
	return c.m.Run()
}

// scriptParams are the scenarios' Params: each scenario's cache in caches, under its $WORK's
// name; work is the folder of the $WORK folders ("" for testscript's own).
func scriptParams(t *testing.T, caches, work string) testscript.Params {
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return testscript.Params{
		Dir:                 filepath.Join(repo, "testdata", "script"),
		WorkdirRoot:         work,
		RequireExplicitExec: true,
		RequireUniqueNames:  true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("REPO", repo)
			if mode := os.Getenv("BUDGET_SCHEMA"); mode != "" {
				env.Setenv("BUDGET_SCHEMA", mode) // BUDGET_SCHEMA=both: CI runs every scenario through both validators
			}
			env.Setenv("BUDGET_CACHE_DIR", filepath.Join(caches, filepath.Base(env.WorkDir)))
			// BUDGET_READER=yaml go test ./... runs every scenario through yaml.v3 too.
			env.Setenv("BUDGET_READER", os.Getenv("BUDGET_READER"))
			env.Setenv("BUDGET_TEST_POISON", os.Getenv("BUDGET_TEST_POISON"))
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"fixture": func(ts *testscript.TestScript, neg bool, args []string) {
				if neg {
					ts.Fatalf("unsupported: ! fixture")
				}
				if len(args) != 1 || !fixtureName.MatchString(args[0]) {
					ts.Fatalf("usage: fixture NAME (unpacks testdata/NAME.txtar; NAME in lower case letters, digits and -)")
				}
				ts.Check(unpackFixture(filepath.Join(repo, "testdata", args[0]+".txtar"), ts.MkAbs(".")))
			},
		},
		// [root]: the test runs as root, whom no folder permission stops.
		Condition: func(cond string) (bool, error) {
			if cond != "root" {
				return false, fmt.Errorf("unknown condition %q", cond)
			}
			return os.Geteuid() == 0, nil
		},
		UpdateScripts: strings.TrimSpace(os.Getenv("BUDGET_UPDATE")) != "",
	}
}

// fixtureName is what fixture takes: the name of a file in testdata/, without .txtar.
var fixtureName = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// unpackFixture writes the files of the txtar archive at path under dir. A file that exists
// already is an error, not overwritten, so that no scenario's file is replaced unseen.
func unpackFixture(path, dir string) error {
	a, err := txtar.ParseFile(path)
	if err != nil {
		return err
	}
	for _, f := range a.Files {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		w, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("fixture %s: %s is there already: copy a file over the fixture's after the fixture command", filepath.Base(path), f.Name)
		}
		if err != nil {
			return err
		}
		_, err = w.Write(f.Data)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
	}
	return nil
}
