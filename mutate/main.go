// Command mutate is budget's mutation run (make mutate): it puts each realistic one-line bug of
// mutants.go into a temporary copy of the module, one at a time, runs the tests that should
// catch it, and says which bugs no test caught. The working tree is never written: the copy lives
// in a temporary folder, removed at the end or on an interrupt, so a run stopped halfway leaves
// the checkout as it was.
//
// A mutant is killed when a test fails with it in place. The tests are run in steps, each only
// when the ones before passed: the mutated package's own tests; for a package the checks read
// (pkg/ledger, whose Sheet and Table2.Compare hold every comparison validate words, and
// pkg/proposal), pkg/check's tests of each finding's exact message; then the end-to-end ones
// (./pkg/cli and the testscript scenarios of ./cmd/budget). The report says which step killed
// each mutant, because a bug caught only by a scenario's exact output is caught late and far from
// its cause.
//
// Each mutant names its code by an exact fragment of its file, which must occur there exactly
// once: the list is kept with the code, and a fragment that no longer matches stops the run
// before any test, naming the mutant to update. A mutant that does not compile stops the run
// too: it would count as killed and say nothing about the tests.
//
//	go run ./mutate                  every mutant
//	go run ./mutate -run amount      the mutants whose name or file matches the regexp
//	go run ./mutate -list            the mutants, each fragment checked, without running them
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"time"
)

// endToEnd are the tests run when a mutated package's own tests pass.
var endToEnd = []string{"./pkg/cli", "./cmd/budget"}

// findings are pkg/check's tests, which hold each finding word for word: run after the own tests
// of a package in readByChecks, since a bug in a comparison of the Sheet shows as a finding.
const findings = "./pkg/check"

var readByChecks = []string{"pkg/ledger", "pkg/proposal"}

// steps are the tests that may kill m, in the order they are run.
func (m mutant) steps() [][]string {
	steps := [][]string{{"./" + m.pkg()}}
	if slices.Contains(readByChecks, m.pkg()) {
		steps = append(steps, []string{findings})
	}
	return append(steps, endToEnd)
}

// skip are the tests a mutation run leaves out: the HTML report in a headless browser takes a
// core for seconds, and times out on a loaded machine, which would count a mutant as killed by
// chance; the HTML's bytes are held by render's golden files.
const skip = "^TestReportInBrowser$"

func main() {
	os.Exit(run(os.Stdout, os.Stderr, os.Args[1:]))
}

func run(stdout, stderr io.Writer, args []string) int {
	fs := flag.NewFlagSet("mutate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	only := fs.String("run", "", "run only the mutants whose name or file matches this regexp")
	list := fs.Bool("list", false, "list the mutants and exit")
	minScore := fs.Float64("min", 95, "fail below this score, in percent")
	timeout := fs.Duration("timeout", 5*time.Minute, "the longest one go test may take (a mutant that hangs is killed by it)")
	verbose := fs.Bool("v", false, "print the output of the test that killed each mutant")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	var pick *regexp.Regexp
	if *only != "" {
		var err error
		if pick, err = regexp.Compile(*only); err != nil {
			fmt.Fprintf(stderr, "mutate: -run: %v\n", err)
			return 2
		}
	}
	var ms []mutant
	for _, m := range mutants {
		if pick == nil || pick.MatchString(m.Name) || pick.MatchString(m.File) {
			ms = append(ms, m)
		}
	}
	if len(ms) == 0 {
		fmt.Fprintln(stderr, "mutate: no mutant matches -run")
		return 2
	}
	root, err := moduleRoot()
	if err != nil {
		fmt.Fprintf(stderr, "mutate: %v\n", err)
		return 2
	}
	if msg := stale(root, ms); msg != "" {
		fmt.Fprint(stderr, msg)
		return 2
	}
	if *list {
		for _, m := range ms {
			fmt.Fprintf(stdout, "%-28s %-28s %s\n", m.Name, m.File, m.Bug)
		}
		return 0
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	tmp, err := os.MkdirTemp("", "budget-mutate-")
	if err != nil {
		fmt.Fprintf(stderr, "mutate: %v\n", err)
		return 2
	}
	defer os.RemoveAll(tmp)
	if err := copyModule(root, tmp); err != nil {
		fmt.Fprintf(stderr, "mutate: copying the module: %v\n", err)
		return 2
	}
	r := &runner{ctx: ctx, dir: tmp, timeout: *timeout}

	start := time.Now()
	// The tests must pass without a mutant, or every mutant would look killed.
	pkgs := []string{}
	for _, m := range ms {
		if p := "./" + m.pkg(); !slices.Contains(pkgs, p) {
			pkgs = append(pkgs, p)
		}
	}
	if !slices.Contains(pkgs, findings) {
		pkgs = append(pkgs, findings)
	}
	if out, failed, err := r.test(append(pkgs, endToEnd...)); err != nil {
		fmt.Fprintf(stderr, "mutate: %v\n", err)
		return 2
	} else if failed {
		fmt.Fprintf(stderr, "mutate: the tests fail without a mutant: fix them first\n%s", out)
		return 2
	}
	fmt.Fprintf(stdout, "tests pass unmutated (%s); %d mutants\n", since(start), len(ms))

	var results []result
	broken := 0
	for _, m := range ms {
		res, err := r.try(m)
		if errors.Is(err, errNotViable) {
			fmt.Fprintf(stderr, "mutate: %v\n", err)
			broken++
			continue
		}
		if err != nil {
			fmt.Fprintf(stderr, "mutate: %v\n", err)
			return 2
		}
		results = append(results, res)
		fmt.Fprintf(stdout, "%-8s %-28s %-22s %6s  %s\n", res.verdict(), m.Name, res.by, res.took.Round(100*time.Millisecond), m.Bug)
		if *verbose && res.killed {
			fmt.Fprintf(stdout, "%s\n", indent(res.out))
		}
	}
	score := summary(stdout, results)
	fmt.Fprintf(stdout, "time: %s\n", since(start))
	if broken > 0 {
		fmt.Fprintf(stderr, "mutate: %d mutants do not compile: fix them in mutate/mutants.go\n", broken)
		return 2
	}
	if score < *minScore {
		fmt.Fprintf(stderr, "mutate: score %.1f %% is below %.0f %%\n", score, *minScore)
		return 1
	}
	return 0
}

// stale returns a message naming every mutant whose fragment does not occur exactly once in its
// file, or "" when all do.
func stale(root string, ms []mutant) string {
	var b strings.Builder
	for _, m := range ms {
		src, err := os.ReadFile(filepath.Join(root, m.File))
		if err != nil {
			fmt.Fprintf(&b, "mutate: mutant %q: %v: update or drop it in mutate/mutants.go\n", m.Name, err)
			continue
		}
		switch n := bytes.Count(src, []byte(m.From)); {
		case m.From == "" || n == 0:
			fmt.Fprintf(&b, "mutate: mutant %q: its fragment is no longer in %s (the code moved or changed): update its From in mutate/mutants.go, or drop it with a word in the commit\n\tfragment: %q\n", m.Name, m.File, m.From)
		case n > 1:
			fmt.Fprintf(&b, "mutate: mutant %q: its fragment occurs %d times in %s: make its From in mutate/mutants.go longer, so that it names one place\n\tfragment: %q\n", m.Name, n, m.File, m.From)
		}
	}
	return b.String()
}

// errNotViable is a mutant that does not compile: it would count as killed and say nothing
// about the tests.
var errNotViable = errors.New("does not compile")

type runner struct {
	ctx     context.Context
	dir     string
	timeout time.Duration
}

type result struct {
	mutant
	killed bool
	by     string // what killed it: "pkg/x tests", "pkg/check tests" or "end-to-end"; "" when it survived
	took   time.Duration
	out    []byte
}

func (r result) verdict() string {
	if r.killed {
		return "killed"
	}
	return "SURVIVED"
}

// try puts m in place in the copy, runs the tests, and puts the file back.
func (r *runner) try(m mutant) (result, error) {
	path := filepath.Join(r.dir, m.File)
	orig, err := os.ReadFile(path)
	if err != nil {
		return result{}, err
	}
	mutated := bytes.Replace(orig, []byte(m.From), []byte(m.To), 1)
	if err := os.WriteFile(path, mutated, 0o644); err != nil {
		return result{}, err
	}
	defer os.WriteFile(path, orig, 0o644)

	res := result{mutant: m}
	start := time.Now()
	for _, step := range m.steps() {
		out, failed, err := r.test(step)
		if err != nil {
			return result{}, fmt.Errorf("mutant %q: %v", m.Name, err)
		}
		if bytes.Contains(out, []byte("[build failed]")) || bytes.Contains(out, []byte("[setup failed]")) {
			return result{}, fmt.Errorf("mutant %q %w: fix its To in mutate/mutants.go\n%s", m.Name, errNotViable, out)
		}
		if failed {
			res.killed, res.out = true, out
			res.by = strings.TrimPrefix(step[0], "./") + " tests"
			if slices.Equal(step, endToEnd) {
				res.by = "end-to-end"
			}
			break
		}
	}
	res.took = time.Since(start)
	return res, nil
}

// test runs go test on pkgs in the copy and reports whether a test failed. An error is a test
// run that could not be made, or an interrupt.
func (r *runner) test(pkgs []string) (out []byte, failed bool, err error) {
	ctx, cancel := context.WithTimeout(r.ctx, r.timeout+30*time.Second)
	defer cancel()
	args := append([]string{"test", "-count=1", "-vet=off", "-failfast", "-timeout", r.timeout.String(), "-skip", skip}, pkgs...)
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = r.dir
	// Never regenerate a golden file; and run in poison mode (proposal.PoisonReleased), so that a
	// mutant that gives a file's nodes back too early reads garbage, not stale nodes that may
	// still look right. BUDGET_TEST_POISON=0 in the environment runs without it.
	cmd.Env = append(append([]string{"BUDGET_TEST_POISON=1"}, os.Environ()...), "BUDGET_UPDATE=")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	cmd.Cancel = func() error { return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL) }
	out, err = cmd.CombinedOutput()
	if r.ctx.Err() != nil {
		return out, false, errors.New("interrupted")
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return out, true, nil
	}
	return out, false, err
}

// summary prints the score of each package and overall, and the survivors, and returns the
// overall score in percent.
func summary(w io.Writer, results []result) float64 {
	type tally struct{ killed, total, late int }
	by := map[string]*tally{}
	var order []string
	var all tally
	for _, r := range results {
		p := r.pkg()
		if by[p] == nil {
			by[p] = &tally{}
			order = append(order, p)
		}
		for _, t := range []*tally{by[p], &all} {
			t.total++
			if r.killed {
				t.killed++
				if r.by == "end-to-end" {
					t.late++
				}
			}
		}
	}
	fmt.Fprintln(w)
	for _, p := range order {
		t := by[p]
		fmt.Fprintf(w, "%-14s %3d/%-3d killed %5.1f %%  (%d only end-to-end)\n", p, t.killed, t.total, pct(t.killed, t.total), t.late)
	}
	score := pct(all.killed, all.total)
	fmt.Fprintf(w, "%-14s %3d/%-3d killed %5.1f %%  (%d only end-to-end)\n", "all", all.killed, all.total, score, all.late)
	for _, r := range results {
		if !r.killed {
			fmt.Fprintf(w, "survived: %s (%s): %s\n", r.Name, r.File, r.Bug)
		}
	}
	return score
}

func pct(a, b int) float64 {
	if b == 0 {
		return 100
	}
	return 100 * float64(a) / float64(b)
}

func since(t time.Time) time.Duration { return time.Since(t).Round(time.Second) }

func indent(b []byte) string {
	return "\t" + strings.ReplaceAll(strings.TrimRight(string(b), "\n"), "\n", "\n\t")
}

// moduleRoot returns the folder of the go.mod of the working directory.
func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %v", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("not inside a Go module: run it from the repository")
	}
	return filepath.Dir(mod), nil
}

// copyModule copies the files git knows of (tracked, and untracked but not ignored) from root to
// dst: the module as a commit would have it, with the changes not yet committed; and links the
// test readers of .cache/.
func copyModule(root, dst string) error {
	cmd := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return fmt.Errorf("git ls-files: %v", err)
	}
	for _, name := range strings.Split(strings.TrimSuffix(string(out), "\x00"), "\x00") {
		src := filepath.Join(root, name)
		info, err := os.Lstat(src)
		if errors.Is(err, os.ErrNotExist) {
			continue // deleted in the working tree
		}
		if err != nil {
			return err
		}
		to := filepath.Join(dst, name)
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		switch {
		case info.Mode()&os.ModeSymlink != 0:
			target, err := os.Readlink(src)
			if err != nil {
				return err
			}
			if err := os.Symlink(target, to); err != nil {
				return err
			}
		case info.Mode().IsRegular():
			data, err := os.ReadFile(src)
			if err != nil {
				return err
			}
			if err := os.WriteFile(to, data, info.Mode().Perm()); err != nil {
				return err
			}
		}
	}
	// The test readers the .ci/install-* scripts put in .cache/ (ignored by git), which the
	// export tests run: linked, not copied, and only read.
	if st, err := os.Stat(filepath.Join(root, ".cache")); err == nil && st.IsDir() {
		if err := os.Symlink(filepath.Join(root, ".cache"), filepath.Join(dst, ".cache")); err != nil {
			return err
		}
	}
	return nil
}
