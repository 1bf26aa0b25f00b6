package cli

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/spf13/cobra"
)

// sectionHeading is a line of --help that opens a section: "Flags:", "Global Flags:", ...
var sectionHeading = regexp.MustCompile(`(?m)^[A-Z][A-Za-z ]*:$`)

// TestEveryHelpEndsWithExamples walks the whole command tree (Cobra's help and completion
// commands included, and any command added later) and runs each visible command's --help:
// its last section must be Examples, with at least one example line.
func TestEveryHelpEndsWithExamples(t *testing.T) {
	var paths [][]string
	var walk func(cmd *cobra.Command, path []string)
	walk = func(cmd *cobra.Command, path []string) {
		paths = append(paths, path)
		for _, sub := range cmd.Commands() {
			if !sub.Hidden {
				walk(sub, append(append([]string(nil), path...), sub.Name()))
			}
		}
	}
	walk(NewCmdRoot(Streams{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}), nil)
	for _, want := range [][]string{{"help"}, {"completion"}, {"completion", "bash"}, {"show"}} {
		if !containsPath(paths, want) {
			t.Errorf("the walk did not meet budget %s", strings.Join(want, " "))
		}
	}
	for _, path := range paths {
		name := strings.Join(append([]string{"budget"}, path...), " ")
		t.Run(name, func(t *testing.T) {
			var out, errb bytes.Buffer
			if code := Main(append(path, "--help"), Streams{Out: &out, Err: &errb}); code != ExitOK {
				t.Fatalf("exit %d: %s", code, errb.String())
			}
			help := out.String()
			headings := sectionHeading.FindAllStringIndex(help, -1)
			if len(headings) == 0 {
				t.Fatalf("%s --help has no sections:\n%s", name, help)
			}
			last := headings[len(headings)-1]
			if got := help[last[0]:last[1]]; got != "Examples:" {
				t.Errorf("%s --help ends with %s, not Examples:\n%s", name, got, help)
			}
			if !strings.HasPrefix(help[last[1]:], "\n  "+"budget") && !strings.HasPrefix(help[last[1]:], "\n  source ") {
				t.Errorf("%s --help's examples do not start with a command line:\n%s", name, help[last[1]:])
			}
		})
	}
}

func containsPath(paths [][]string, want []string) bool {
	for _, p := range paths {
		if strings.Join(p, " ") == strings.Join(want, " ") {
			return true
		}
	}
	return false
}
