package cli

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestFlags checks flag parsing apart from the work, through the commands' runF.
func TestFlags(t *testing.T) {
	var got *ValidateOptions
	g := &Global{}
	s := Streams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
	cmd := NewCmdValidate(g, s, func(o *ValidateOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--strict", "--all", "--format", "github"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if !got.Strict || !got.All || got.Format != "github" {
		t.Errorf("parsed %+v", got)
	}

	cmd = NewCmdValidate(g, s, func(*ValidateOptions) error { t.Fatal("ran with a bad format"); return nil })
	cmd.SetArgs([]string{"--format", "yaml"})
	cmd.SilenceErrors, cmd.SilenceUsage = true, true
	err := cmd.Execute()
	// The flag refuses the value as it is parsed; Main's flag error function (flagError) passes
	// the usage error on without pflag's wording.
	var ue usageError
	if !errors.As(err, &ue) || ue.Error() != "--format yaml: want text, json, github, sarif or junit" {
		t.Errorf("bad format: got %v, want the usage error --format yaml: want text, json, github, sarif or junit", err)
	}
	if fe := flagError(cmd, err); fe != ue {
		t.Errorf("flagError(%v) = %v, want %v", err, fe, ue)
	}

	// table is text's alias, read as text.
	cmd = NewCmdValidate(g, s, func(o *ValidateOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--format", "table"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Format != "text" {
		t.Errorf("--format table: parsed %q, want text", got.Format)
	}
}

func TestMainExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{name: "unknown command", args: []string{"nosuch"}, code: ExitUsage, err: `budget: unknown command "nosuch" for "budget"`},
		{name: "unknown flag", args: []string{"totals", "--nosuch"}, code: ExitUsage, err: "budget: unknown flag: --nosuch"},
		{name: "missing dir", args: []string{"--dir", "/nonexistent/x", "--lang", "en", "totals"}, code: ExitUsage, err: "budget: ledger directory: /nonexistent/x: no such file or directory"},
		{name: "help", args: []string{"--help"}, code: ExitOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			code := Main(tt.args, Streams{Out: &out, Err: &errb})
			if code != tt.code {
				t.Errorf("exit %d, want %d", code, tt.code)
			}
			if got := strings.TrimSpace(errb.String()); got != tt.err {
				t.Errorf("stderr %q, want %q", got, tt.err)
			}
		})
	}
}
