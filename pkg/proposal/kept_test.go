package proposal

import "testing"

// TestKeptPlacesOfTheChecksAcrossFiles: a Document kept without All answers exactly for the
// places the checks across files point at (each share's committee, each committee's id, each
// acknowledgement's check and at), as the tree does, and falls back to the nearest parent it
// indexed for any other. The file is synthetic.
func TestKeptPlacesOfTheChecksAcrossFiles(t *testing.T) {
	src := "shares:\n  - committee: aaa\n    contribution: {2026: 1}\n  - committee: bbb\n" +
		"committees:\n  - {id: aaa, name: A}\n  - {id: bbb, name: B}\n" +
		"acknowledged:\n  - check: sign\n    at: shares.1.contribution\n    reason: trykt sådan\n"
	doc, ds := Parse("f.yaml", []byte(src))
	if len(ds) != 0 {
		t.Fatal(ds)
	}
	kept := doc.Keep(KeepOptions{Acks: []Ack{{Index: 0}}})
	for _, c := range []struct {
		path, want string
		indexed    bool // the tree gives the same; else the nearest parent indexed
	}{
		{"shares.0.committee", "f.yaml:2:16", true},
		{"shares.1.committee", "f.yaml:4:16", true},
		{"shares.1", "f.yaml:4:5", true},
		{"committees.1.id", "f.yaml:7:10", true},
		{"acknowledged.0.check", "f.yaml:9:12", true},
		{"acknowledged.0.at", "f.yaml:10:9", true},
		{"shares.0.contribution", "f.yaml:2:5", false}, // the share
		{"acknowledged.0.reason", "f.yaml:9:5", false}, // the acknowledgement
		{"committees.1.name", "f.yaml:7:5", false},     // the committee
		{"unknown.deeper.path", "f.yaml:1:1", true},    // not in the file: its start
	} {
		if got := kept.Pos(c.path).String(); got != c.want {
			t.Errorf("kept Pos(%s) = %s, want %s", c.path, got, c.want)
		}
		if tree := doc.Pos(c.path).String(); c.indexed && tree != c.want {
			t.Errorf("the tree's Pos(%s) = %s, want %s", c.path, tree, c.want)
		}
	}
}

// TestKeptLastLine: the last line of a file without a final line feed is kept whole, as the
// excerpt of a finding on it shows it.
func TestKeptLastLine(t *testing.T) {
	doc, ds := Parse("f.yaml", []byte("a: 1\nb: [1, 2]"))
	if len(ds) != 0 {
		t.Fatal(ds)
	}
	kept := doc.Keep(KeepOptions{Lines: []int{2}})
	if line, ok := kept.Line(2); !ok || string(line) != "b: [1, 2]" {
		t.Errorf("Line(2) = %q, %v; want \"b: [1, 2]\"", line, ok)
	}
	if line, ok := doc.Document().Line(2); !ok || string(line) != "b: [1, 2]" {
		t.Errorf("the tree's Line(2) = %q, %v; want \"b: [1, 2]\"", line, ok)
	}
}
