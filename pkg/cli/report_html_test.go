package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/budget-ledger/budget/pkg/msg"
	"github.com/spf13/cobra"
)

func TestHTMLReportFlags(t *testing.T) {
	tests := []struct {
		args   []string
		output string
		lang   msg.Lang
	}{
		{args: nil, output: "-", lang: msg.Danish},
		{args: []string{"-o", "r.html", "--lang", "en"}, output: "r.html", lang: msg.English},
		{args: []string{"--output=-"}, output: "-", lang: msg.Danish},
	}
	for _, tt := range tests {
		var got *HTMLReportOptions
		g := &Global{Dir: t.TempDir()} // a ledger without a catalog: Danish unless --lang says
		root := &cobra.Command{Use: "budget"}
		g.addFlags(root)
		root.AddCommand(NewCmdHTMLReport(g, Streams{}, func(o *HTMLReportOptions) error { got = o; return nil }))
		root.SetArgs(append([]string{"report"}, tt.args...))
		if err := root.Execute(); err != nil {
			t.Fatalf("%v: %v", tt.args, err)
		}
		if got.Output != tt.output || got.language() != tt.lang {
			t.Errorf("%v: parsed output %q lang %q, want %q %q", tt.args, got.Output, got.language(), tt.output, tt.lang)
		}
	}
}

func TestHTMLReportExitCodes(t *testing.T) {
	dir := t.TempDir()
	broken := filepath.Join(dir, "broken")
	if err := os.MkdirAll(broken, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(broken, "catalog.yaml"), []byte("schema: [1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "report.html")
	tests := []struct {
		name string
		args []string
		code int
		err  string
	}{
		// Worded in the language of the catalog found from here, the bundled one's: Danish.
		{name: "bad language", args: []string{"report", "--lang", "de", "-o", out}, code: ExitUsage,
			err: `budget: --lang de: vælg da eller en`},
		{name: "output is a directory", args: []string{"report", "--lang", "en", "-o", dir}, code: ExitUsage,
			err: "budget: output " + dir + " is a directory: give a file name, e.g. -o " + filepath.Join(dir, "report.html")},
		{name: "broken ledger", args: []string{"--dir", broken, "report", "-o", out}, code: ExitData},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := Main(tt.args, Streams{Out: &stdout, Err: &stderr})
			if code != tt.code {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.code, stderr.String())
			}
			if tt.err != "" && strings.TrimSpace(stderr.String()) != tt.err {
				t.Errorf("stderr %q, want %q", strings.TrimSpace(stderr.String()), tt.err)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout has %d bytes, want none", stdout.Len())
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("%s was written", out)
			}
		})
	}
}

func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteReport(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "report.html")
	for _, content := range []string{"first", "second, longer than the first"} {
		if err := writeReport(name, []byte(content)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil || string(got) != content {
			t.Fatalf("read %q, %v; want %q", got, err, content)
		}
	}
	if st, _ := os.Stat(name); st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", st.Mode().Perm())
	}
	// A file that is no regular file is left alone, with no temporary file beside it.
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	err := writeReport(sub, []byte("x"))
	if want := "cannot write " + sub + ": not a regular file"; err == nil || err.Error() != want {
		t.Errorf("writing over a directory: %v, want %s", err, want)
	}
	// A folder that does not exist.
	err = writeReport(filepath.Join(dir, "nowhere", "r.html"), []byte("x"))
	if want := "cannot write " + filepath.Join(dir, "nowhere", "r.html") + ": no such file or directory"; err == nil || err.Error() != want {
		t.Errorf("writing into a missing folder: %v, want %s", err, want)
	}
	if got := dirNames(t, dir); !slices.Equal(got, []string{"report.html", "sub"}) {
		t.Errorf("directory holds %v, want report.html and sub only", got)
	}
}
